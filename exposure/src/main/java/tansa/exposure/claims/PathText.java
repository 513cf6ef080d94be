package tansa.exposure.claims;

import java.util.regex.Pattern;

/** What a listed path looks like: telling a path from prose, joining a name to its directory. */
final class PathText {
    private PathText() {
    }

    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*");
    private static final Pattern EXTENSION = Pattern.compile(".*[^.\\s]\\.[A-Za-z0-9_~-]*[A-Za-z][A-Za-z0-9_~-]*");

    /** The text without one pair of surrounding quotes. */
    static String unquote(String s) {
        String p = s.strip();
        if (p.length() >= 2 && (p.charAt(0) == '"' && p.endsWith("\"") || p.charAt(0) == '\'' && p.endsWith("'"))) {
            return p.substring(1, p.length() - 1).replace("\"\"", "\"");
        }
        return p;
    }

    /**
     * Whether a list's text names a file: a path with a directory separator (POSIX, Windows, UNC)
     * that does not end in one, or a bare name with an extension; never a URL, a heading with
     * " / " or a colon (other than a drive's), text with a space before its first separator
     * ({@code see /etc/x for details}), or a sentence (a bare name of more than four words).
     */
    static boolean isFile(String s) {
        return isFile(s, 4);
    }

    /**
     * The same, for text the list's structure already marks as a file's (a size column beside it, a
     * string of a JSON array): a bare name may have up to twelve words.
     */
    static boolean isListedFile(String s) {
        return isFile(s, 12);
    }

    private static boolean isFile(String s, int maxWords) {
        if (s.isEmpty() || s.length() > 4096 || s.endsWith("/") || s.endsWith("\\") || s.contains("://")
                || s.contains(" / ") || s.contains(" \\ ") || !hasLetterOrDigit(s)) {
            return false;
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && !(colon == 1 && DRIVE.matcher(s).matches())) {
            return false;
        }
        int sep = firstSeparator(s);
        if (sep >= 0) {
            // "see /etc/passwd for details": no path component ends in a space before a separator.
            return sep == 0 || s.charAt(sep - 1) != ' ';
        }
        return words(s) <= maxWords && EXTENSION.matcher(s).matches();
    }

    private static int firstSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int words(String s) {
        int n = 1;
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == ' ' && s.charAt(i - 1) != ' ') {
                n++;
            }
        }
        return n;
    }

    /** A name inside a directory, with the directory's separator ('\' for drive and UNC paths). */
    static String join(String dir, String name) {
        if (dir == null || dir.isEmpty()) {
            return name;
        }
        char sep = dir.indexOf('\\') >= 0 || dir.length() >= 2 && dir.charAt(1) == ':' ? '\\' : '/';
        return dir.charAt(dir.length() - 1) == sep ? dir + name : dir + sep + name;
    }
}
