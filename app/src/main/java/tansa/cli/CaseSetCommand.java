package tansa.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseSettings;
import tansa.casefile.CaseStore;
import tansa.report.Facts;
import tansa.report.clock.Regime;

/** {@code tansa case set}: edit the case settings the report and its regulatory clocks read. */
@Command(name = "set", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa case set --case c/acme discovered_at=2026-12-01T09:30:00+09:00",
                "  tansa case set --case c/acme regimes=appi,gdpr wrongful_purpose=true",
                "  tansa case set --case c/acme personal_data=true individuals_affected=1520",
                "  tansa case set --case cases/acme contained_at=          # clears a setting",
                "  tansa case set --case cases/acme                        # lists the settings"},
        description = {"Set case facts as KEY=VALUE (an empty value clears the key); with none, list them.",
                "Keys: discovered_at, contained_at, began_at, materiality_determined_at (ISO-8601 times with an offset);"
                        + " regimes (appi, gdpr, sec); personal_data, sensitive_personal_data, financial_loss_risk,"
                        + " wrongful_purpose, classified_data, exfiltration (true/false); individuals_affected (a number);"
                        + " status, severity, countermeasures_taken, countermeasures_recommended (text);"
                        + " containment.host.NAME (text)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:not a case, or in use by another tansa process", "2:usage error (unknown key, bad value)"})
public final class CaseSetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    CaseOption where;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Settings to write.")
    List<String> pairs = List.of();

    @Option(names = {"-q", "--quiet"}, description = "Print nothing when settings are written.")
    boolean quiet;

    @Override
    public Integer call() {
        Map<String, String> changes = new TreeMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "expected KEY=VALUE, not '" + p + "'");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1);
            check(key, value);
            changes.put(key, value.isEmpty() ? null : value);
        }
        try (CaseStore store = where.open(spec.commandLine())) {
            CaseSettings settings = new CaseSettings(store);
            String user = System.getProperty("user.name", "unknown");
            for (Map.Entry<String, String> e : changes.entrySet()) {
                settings.set(e.getKey(), e.getValue(), user, Instant.now());
            }
            if (changes.isEmpty() || !quiet) {
                for (Map.Entry<String, String> e : settings.all().entrySet()) {
                    if (changes.isEmpty() || changes.containsKey(e.getKey())) {
                        spec.commandLine().getOut().println(TerminalText.escape(e.getKey()) + "="
                                + TerminalText.escape(e.getValue()));
                    }
                }
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void check(String key, String value) {
        boolean known = Facts.KEYS.containsKey(key) || key.startsWith("containment.host.");
        if (!known) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown setting '" + key + "'; see 'tansa case set --help'");
        }
        if (value.isEmpty()) {
            return;
        }
        String what = Facts.KEYS.get(key);
        try {
            if (key.endsWith("_at")) {
                Facts.parseTime(value);
            } else if (what != null && what.startsWith("true/false")) {
                if (!value.matches("(?i)true|false|yes|no")) {
                    throw new IllegalArgumentException();
                }
            } else if (key.equals(Facts.INDIVIDUALS)) {
                Long.parseLong(value.replace(",", ""));
            } else if (key.equals(Facts.REGIMES)) {
                for (String r : value.split(",")) {
                    if (Regime.parse(r) == null) {
                        throw new IllegalArgumentException();
                    }
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), key + ": expected " + what + ", not '" + value + "'");
        }
    }
}
