package tansa.cli;

import picocli.CommandLine.Option;
import tansa.reader.EvidenceReader;

/** {@code --year}: the year of RFC 3164 syslog time stamps, which carry none. */
final class SyslogYearOption {
    @Option(names = "--year", paramLabel = "YEAR", description = "Year of the first line of each syslog file whose time stamps "
            + "have none ('Mar  1 10:00:00'); later lines count up at each New Year. Default: inferred from the file's "
            + "modification time.")
    Integer year;

    EvidenceReader apply(EvidenceReader reader) {
        if (year != null && (year < 1970 || year > 9999)) {
            throw new IllegalArgumentException("--year must be between 1970 and 9999, got " + year);
        }
        return reader.syslogYear(year);
    }
}
