package tansa.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * A usage error is one line and a pointer to help, never a page of usage:
 * {@code tansa: hunt: unknown option '--rule' (did you mean --rules?); see 'tansa hunt --help'}.
 * Exit code 2.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName(" ");
        String msg = ex.getMessage() == null ? "usage error" : ex.getMessage();
        StringBuilder line = new StringBuilder("tansa: ");
        if (!name.equals("tansa")) {
            line.append(name.substring("tansa ".length())).append(": ");
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            CommandLine.UnmatchedArgumentException u = (CommandLine.UnmatchedArgumentException) ex;
            List<String> unmatched = u.getUnmatched();
            if (!cl.getSubcommands().isEmpty() && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                // the first word names no command: say which one it is closest to
                msg = "unknown command '" + unmatched.get(0) + "'";
                String near = nearest(unmatched.get(0), cl.getSubcommands().keySet());
                if (near != null) {
                    msg += " (did you mean " + near + "?)";
                }
            } else if (!u.getSuggestions().isEmpty()) {
                List<String> s = u.getSuggestions();
                msg += " (did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?)";
            }
        }
        line.append(TerminalText.escape(msg, 400));
        line.append("; see '").append(name).append(" --help'");
        err.println(line);
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The command closest to {@code word} by edit distance, if within two edits. */
    static String nearest(String word, Iterable<String> commands) {
        String best = null;
        int bestDistance = 3;
        for (String c : commands) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters is one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
