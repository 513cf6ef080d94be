package tansa.stream;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import tansa.casefile.CaseStore;
import tansa.casefile.StreamedDetections;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Detections into a case of a PostgreSQL database (the case store's {@code detection} table),
 * at least once and idempotently: a writer keeps what arrived since the last checkpoint and
 * writes it in one transaction when Flink flushes before each checkpoint (and at the end of the
 * input, and every {@value #BATCH} detections); {@link StreamedDetections} skips each detection the
 * case already holds. A job restored from a checkpoint or savepoint replays the detections after
 * it, some of which the failed attempt wrote: they are skipped, so the case ends with each
 * detection once. A write that fails fails the job (it restarts from the last checkpoint).
 *
 * <p>Only strings are serialised into the job: the database URL (with its credentials, as the
 * job's other arguments), the case's id or name, and the name under which sources are registered.
 */
final class CaseSink implements Sink<Found> {
    private static final long serialVersionUID = 1L;
    static final int BATCH = 1000;

    private final String db;
    private final String caseRef;
    private final String root;
    private final String user;

    /** {@code caseRef}: the case's id or name (null: the database's only case); {@code root}: e.g. {@code kafka:TOPIC}. */
    CaseSink(String db, String caseRef, String root, String user) {
        this.db = db;
        this.caseRef = caseRef;
        this.root = root;
        this.user = user;
    }

    @Override
    public SinkWriter<Found> createWriter(WriterInitContext context) throws java.io.IOException {
        try {
            // on a cluster the driver is in the job jar, which DriverManager's own service lookup does not see
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new java.io.IOException("the PostgreSQL driver is not in the job jar", e);
        }
        return new Writer(CaseStore.open(db, caseRef));
    }

    private final class Writer implements SinkWriter<Found> {
        private final CaseStore store;
        private final StreamedDetections out;
        private final List<StreamedDetections.Line> pending = new ArrayList<>();

        Writer(CaseStore store) {
            this.store = store;
            this.out = new StreamedDetections(store, root, user, Clock.systemUTC());
        }

        @Override
        public void write(Found f, Context context) {
            // a copy: with object reuse the record may be refilled after this call
            pending.add(new StreamedDetections.Line(new String(f.json, StandardCharsets.UTF_8), f.ruleKey, f.account));
            if (pending.size() >= BATCH) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            out.write(pending);
            pending.clear();
        }

        @Override
        public void close() {
            // what is pending was not checkpointed: a restore replays it
            store.close();
        }
    }
}
