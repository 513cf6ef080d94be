package tansa.exposure.scan;

/** Turns exceptions into one bounded line for users (attacker-controlled text is capped). */
final class Problems {
    static final int MAX = 200;

    private Problems() {
    }

    static String brief(Throwable t) {
        String m = t.getMessage();
        String s = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        return cap(s);
    }

    static String cap(String s) {
        String one = s.replace('\r', ' ').replace('\n', ' ').strip();
        return one.length() > MAX ? one.substring(0, MAX) + "..." : one;
    }
}
