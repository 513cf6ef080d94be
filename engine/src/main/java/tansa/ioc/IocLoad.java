package tansa.ioc;

import java.util.List;

/**
 * What loading indicator files gave: the indicators (one per id, the first kept), the problems
 * (an indicator, line or file that was skipped: {@code where} names the indicator id or the line)
 * and notes (what was left out on purpose, such as MISP attributes without {@code to_ids}).
 */
public record IocLoad(List<Indicator> indicators, List<Problem> problems, List<Problem> notes) {
    public IocLoad {
        indicators = List.copyOf(indicators);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** One line's worth: the file, where in it (indicator id, {@code line N}, or null for the whole file), and what. */
    public record Problem(String file, String where, String message) {
        @Override
        public String toString() {
            return file + ": " + (where == null ? "" : where + ": ") + message;
        }
    }
}
