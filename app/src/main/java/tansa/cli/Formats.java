package tansa.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** {@code -f/--format}: one check and one usage error for every command. */
final class Formats {
    private Formats() {
    }

    /**
     * The format {@code given} in lower case when it is one of {@code allowed}; otherwise a usage
     * error (exit code 2) naming them: {@code --format must be table, jsonl or csv, not 'x'}.
     */
    static String check(CommandLine cl, String given, String... allowed) {
        String f = given.toLowerCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(f)) {
            return f;
        }
        String names = allowed.length == 1 ? allowed[0]
                : String.join(", ", Arrays.copyOf(allowed, allowed.length - 1)) + " or " + allowed[allowed.length - 1];
        throw new CommandLine.ParameterException(cl, "--format must be " + names + ", not '" + given + "'");
    }
}
