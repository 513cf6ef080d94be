package tansa.cli;

/** Who acts, for the custody fields and the audit log: {@code --analyst NAME}, else the OS user. */
final class Analyst {
    private Analyst() {
    }

    static String of(String analyst) {
        if (analyst != null && !analyst.isBlank()) {
            return analyst.strip();
        }
        return System.getProperty("user.name", "unknown");
    }
}
