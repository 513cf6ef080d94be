package tansa.casefile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The storage suite on a real PostgreSQL (Debian's package, started by {@link LocalPostgres}; one
 * database per test), and what only the server store does: many cases in one database, picked by
 * id or name, and a second ingest of a case refused while one runs.
 */
class PostgresCaseStoreTest extends CaseStoreContract {
    private String db;

    @BeforeEach
    void database() {
        db = LocalPostgres.shared().newDatabase();
    }

    @Override
    CaseStore create(String name) {
        return CaseStore.create(db, name, "tester", Instant.EPOCH);
    }

    @Override
    CaseStore reopen(CaseStore store) {
        return CaseStore.open(db, Long.toString(store.caseId()));
    }

    @Test
    void manyCasesLiveInOneDatabaseAndArePickedByIdOrName() throws Exception {
        Path ev = tmp.resolve("ev");
        jsonEvidence(ev.resolve("a.json"), "HOST-A", 7);
        jsonEvidence(ev.resolve("b.json"), "HOST-B", 3);
        try (CaseStore acme = create("acme"); CaseStore beta = create("beta")) {
            ingest(acme, new ArrayList<>(), ev.resolve("a.json"));
            ingest(beta, new ArrayList<>(), ev.resolve("b.json"));
        }
        List<CaseStore.Entry> cases = CaseStore.list(db);
        assertEquals(List.of("acme", "beta"), cases.stream().map(CaseStore.Entry::name).toList());
        try (CaseStore s = CaseStore.open(db, "beta")) {
            assertEquals(3, s.stats().events());
            assertEquals("beta", s.stats().name());
        }
        try (CaseStore s = CaseStore.open(db, Long.toString(cases.get(0).id()))) {
            assertEquals(7, s.stats().events());
        }
        CaseException none = assertThrows(CaseException.class, () -> CaseStore.open(db, null));
        assertTrue(none.getMessage().endsWith(" holds 2 cases; pick one with --case-id ID|NAME ('tansa case list --db URL')"),
                none.getMessage());
        CaseException dup = assertThrows(CaseException.class, () -> create("acme"));
        assertTrue(dup.getMessage().startsWith("case 'acme' already exists in postgresql://"), dup.getMessage());
        CaseException missing = assertThrows(CaseException.class, () -> CaseStore.open(db, "gamma"));
        assertTrue(missing.getMessage().contains("holds no case with id or name 'gamma'"), missing.getMessage());
    }

    @Test
    void aSecondIngestOfTheSameCaseIsRefusedWhileOneRuns() {
        try (CaseStore first = create("acme"); CaseStore second = CaseStore.open(db, "acme")) {
            first.lockForIngest();
            CaseInUseException e = assertThrows(CaseInUseException.class, second::lockForIngest);
            assertTrue(e.getMessage().endsWith(" is being ingested by another tansa process; try again when it is done"), e.getMessage());
        }
    }

    @Test
    void theAddressTakesLibpqAndJdbcFormsAndHidesThePassword() {
        PostgresUrl u = PostgresUrl.parse("postgresql://ann:s3cret@db.example:5433/cases?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:5433/cases?sslmode=require", u.jdbcUrl());
        assertEquals("ann", u.properties().getProperty("user"));
        assertEquals("s3cret", u.properties().getProperty("password"));
        assertEquals("postgresql://ann@db.example:5433/cases", u.shown());
        assertEquals("jdbc:postgresql://h/db", PostgresUrl.parse("jdbc:postgresql://h/db").jdbcUrl());
        assertThrows(CaseException.class, () -> PostgresUrl.parse("mysql://h/db"));
    }
}
