package tansa.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The last guard between evidence and the analyst's terminal: escapes every character that
 * {@link TerminalText#unsafe} names except the line feed, whatever wrote it. stderr always goes
 * through one, and so do the text formats on stdout; the commands also escape and cut each
 * evidence-derived value themselves (so that one message stays one line). Our own control
 * sequences (the progress bar's carriage return, the table's colours) go through {@link #raw}.
 * Not thread-safe on its own: callers share it through a {@link java.io.PrintWriter}, which locks.
 */
final class TerminalSafeWriter extends FilterWriter {
    TerminalSafeWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (c != '\n' && TerminalText.unsafe((char) c)) {
            StringBuilder sb = new StringBuilder(6);
            TerminalText.append(sb, (char) c);
            out.write(sb.toString());
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = cbuf[i];
            if (c != '\n' && TerminalText.unsafe(c)) {
                out.write(cbuf, start, i - start);
                write(c);
                start = i + 1;
            }
        }
        out.write(cbuf, start, end - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = str.charAt(i);
            if (c != '\n' && TerminalText.unsafe(c)) {
                out.write(str, start, i - start);
                write(c);
                start = i + 1;
            }
        }
        out.write(str, start, end - start);
    }

    /** Writes our own control sequence unescaped. */
    void raw(String s) throws IOException {
        out.write(s);
    }

    /**
     * A PrintWriter whose text is escaped, with a way around for our own control sequences. What
     * {@code println} prints stays one line: a line feed inside it is escaped too, and a line is cut
     * at {@code maxLine} characters.
     */
    static final class Printer extends java.io.PrintWriter {
        private final int maxLine;

        Printer(Writer w, boolean autoFlush, int maxLine) {
            super(new TerminalSafeWriter(w), autoFlush);
            this.maxLine = maxLine;
        }

        @Override
        public void println(String x) {
            super.println(TerminalText.escape(x == null ? "null" : x, maxLine));
        }

        @Override
        public void println(Object x) {
            println(String.valueOf(x));
        }

        void raw(String s) {
            synchronized (lock) {
                try {
                    ((TerminalSafeWriter) out).raw(s);
                } catch (IOException e) {
                    setError();
                }
            }
        }
    }

    /**
     * A text-mode stdout over {@code out}: escaped, lines not cut (tables fit their cells themselves).
     * Flushing it flushes {@code out}.
     */
    static Printer text(java.io.PrintWriter out) {
        return new Printer(out, false, Integer.MAX_VALUE - 8); // - 8: room for the escape of the last character
    }

    /** Writes {@code s} raw when {@code w} is a {@link Printer}, else as text. */
    static void raw(java.io.PrintWriter w, String s) {
        if (w instanceof Printer) {
            ((Printer) w).raw(s);
        } else {
            w.print(s);
        }
    }
}
