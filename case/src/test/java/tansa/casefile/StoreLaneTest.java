package tansa.casefile;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The store lane runs ingest's rows and statements in the order given, and nothing after a failure (no commit after a failed file). */
class StoreLaneTest {
    /** A sink that counts how often it was opened and closed (the lane's rows go through the writer). */
    private static final class CountingSink implements RowSink {
        final AtomicInteger closed;

        CountingSink(AtomicInteger closed) {
            this.closed = closed;
        }

        @Override
        public void event(long evidence, long seq, Instant ts, String computer, String channel, int eventId, boolean hasEventId,
                          long recordId, String provider, String source, String json) {
        }

        @Override
        public void detection(long evidence, long seq, Instant ts, String ruleId, String ruleTitle, String level, String computer,
                              String channel, String eventId, long recordId, String source, String json, String account,
                              String tags) {
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void rowsAndStatementsRunInTheOrderGivenAcrossBatchesAndFiles() throws SQLException {
        List<String> done = new ArrayList<>(); // touched only on the lane's thread until drain returns
        List<String> expected = new ArrayList<>();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        try (StoreLane lane = new StoreLane(() -> {
            opened.incrementAndGet();
            return new CountingSink(closed);
        })) {
            for (int file = 0; file < 5; file++) {
                String name = "file" + file;
                lane.writer((sink, row) -> done.add(name + ":" + row));
                lane.run(() -> done.add(name + " begins"));
                expected.add(name + " begins");
                // more rows than a batch and than the batches allowed in flight
                for (int i = 0; i < StoreLane.BATCH * (StoreLane.IN_FLIGHT + 2) + file; i++) {
                    lane.add(i);
                    expected.add(name + ":" + i);
                }
                lane.run(() -> done.add(name + " registered"));
                expected.add(name + " registered");
            }
            lane.run(() -> {
                lane.closeSink();
                done.add("commit");
            });
            expected.add("commit");
            lane.drain();
            assertEquals(expected, done);
            assertEquals(1, opened.get(), "one sink for the batch's files");
            assertEquals(1, closed.get(), "closed before the commit");
        }
    }

    @Test
    void nothingRunsAfterAFailedRowSoNoCommitFollowsAFailedFile() {
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean later = new AtomicBoolean();
        AtomicInteger closed = new AtomicInteger();
        try (StoreLane lane = new StoreLane(() -> new CountingSink(closed))) {
            SQLException e = assertThrows(SQLException.class, () -> {
                lane.writer((sink, row) -> {
                    if (row.equals("bad")) {
                        throw new SQLException("disk full");
                    }
                });
                lane.add("good");
                lane.add("bad");
                lane.run(() -> later.set(true));
                lane.run(() -> committed.set(true));
                lane.drain();
            });
            assertEquals("disk full", e.getMessage(), "the first error, not the skipped units'");
            assertFalse(later.get());
            assertFalse(committed.get());
            lane.discard();
            assertEquals(1, closed.get(), "the sink is closed after a failure too");
        }
    }
}
