package tansa.exposure.scan;

/** Turns exceptions into one bounded line for users (attacker-controlled text is capped). */
final class Problems {
    static final int MAX = 200;

    private Problems() {
    }

    static String brief(Throwable t) {
        // The JDK's file exceptions carry only the path as their message: name the cause.
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file (removed during the scan?)";
        }
        if (t instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) t).getReason() != null) {
            return cap(((java.nio.file.FileSystemException) t).getReason());
        }
        String m = t.getMessage();
        String s = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        return cap(s);
    }

    static String cap(String s) {
        String one = s.replace('\r', ' ').replace('\n', ' ').strip();
        return one.length() > MAX ? one.substring(0, MAX) + "..." : one;
    }
}
