package tansa.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the process is writing to: whether stdout and stderr are terminals and how large the
 * terminal is. Java 17 only says whether stdin and stdout both are ({@code System.console()}), so
 * on Linux the descriptors' links in {@code /proc/self/fd} decide; the size comes from
 * {@code COLUMNS}/{@code LINES} when set (tests, scripts) or else from {@code stty size} on the
 * controlling terminal.
 */
final class Terminal {
    /** Width of a table when neither COLUMNS nor a terminal says otherwise (a file, a pipe). */
    static final int UNBOUNDED_COLUMNS = 240;

    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    private static boolean isTerminal(int fd) {
        String forced = System.getenv("TANSA_TERMINAL"); // tests and tmux sessions: "1" or "0"
        if (forced != null) {
            return forced.equals("1");
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Columns to lay a table out in: COLUMNS, else the terminal's width when stdout is one, else unbounded. */
    static int columns() {
        Integer c = envInt("COLUMNS");
        if (c != null) {
            return Math.max(40, c);
        }
        if (stdoutIsTerminal()) {
            int[] size = sttySize();
            if (size != null) {
                return Math.max(40, size[1]);
            }
            return 80;
        }
        return UNBOUNDED_COLUMNS;
    }

    /** Rows of the terminal: LINES, else the terminal's height when stdout is one, else 0 (not a screen). */
    static int rows() {
        Integer r = envInt("LINES");
        if (r != null) {
            return r;
        }
        if (stdoutIsTerminal()) {
            int[] size = sttySize();
            return size == null ? 24 : size[0];
        }
        return 0;
    }

    private static Integer envInt(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int[] cached;

    /** {rows, columns} from {@code stty size} on /dev/tty, or null. */
    private static synchronized int[] sttySize() {
        if (cached != null) {
            return cached[0] > 0 ? cached : null;
        }
        cached = new int[] {0, 0};
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroy();
                return null;
            }
            String[] parts = s.split("\\s+");
            if (parts.length == 2) {
                cached = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return cached[0] > 0 ? cached : null;
    }
}
