package tansa.sigma.rule;

/** A scalar value of a detection: string (raw, escapes not yet resolved), number, boolean or null. */
public sealed interface SigmaValue permits SigmaValue.Str, SigmaValue.Num, SigmaValue.Bool, SigmaValue.Null {

    /** The value as text, as a string comparison sees it. */
    String text();

    record Str(String raw) implements SigmaValue {
        public String text() {
            return raw;
        }
    }

    /** A YAML number, kept with its text so {@code 0010} or {@code 1.50} compare as written. */
    record Num(String raw, double value, boolean integral) implements SigmaValue {
        public String text() {
            return raw;
        }
    }

    record Bool(boolean value) implements SigmaValue {
        public String text() {
            return value ? "true" : "false";
        }
    }

    record Null() implements SigmaValue {
        public String text() {
            return "";
        }
    }
}
