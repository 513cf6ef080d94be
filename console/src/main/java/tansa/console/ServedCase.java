package tansa.console;

import java.time.Clock;

/** One case the server serves: its id in URLs, its store and the console's views of it. */
record ServedCase(String id, CaseDatabase db, CaseQueries queries, CaseWork work, Members members, Incidents incidents,
                  Containment containment) {
    static ServedCase of(String id, CaseDatabase db, AuditSink audit, Clock clock) {
        return new ServedCase(id, db, new CaseQueries(db), new CaseWork(db, audit, clock), new Members(db),
                new Incidents(db, audit, clock), new Containment(db, audit, clock));
    }
}
