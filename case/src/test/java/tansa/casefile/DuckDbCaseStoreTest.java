package tansa.casefile;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage suite on DuckDB files, and what only the embedded store does (one directory per case, one process). */
class DuckDbCaseStoreTest extends CaseStoreContract {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    CaseStore create(String name) {
        return CaseStore.create(tmp.resolve("case" + n.incrementAndGet()), name, "tester", Instant.EPOCH);
    }

    @Override
    CaseStore reopen(CaseStore store) {
        return CaseStore.open(store.dir());
    }

    @Test
    void createRefusesAnExistingCase() {
        Path dir = tmp.resolve("c");
        CaseStore.create(dir, "c", "tester", Instant.EPOCH).close();
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.create(dir, "c", "tester", Instant.EPOCH));
        assertEquals("case " + dir + " already exists (" + dir.resolve(CaseStore.FILE) + "); choose another directory", e.getMessage());
    }

    @Test
    void openRefusesADirectoryThatIsNotACaseAndCreatesNothing() {
        Path dir = tmp.resolve("empty");
        CaseException e = assertThrows(CaseException.class, () -> CaseStore.open(dir));
        assertTrue(e.getMessage().startsWith(dir + " is not a case"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve(CaseStore.FILE)));
    }
}
