package tansa.evtx;

/** FILETIME and SYSTEMTIME to ISO-8601 UTC text with microseconds, without String.format. */
final class Times {
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    static final long EPOCH_DIFF = 116_444_736_000_000_000L;

    private Times() {
    }

    static String filetime(long ft) {
        long unix100ns = ft - EPOCH_DIFF;
        long seconds = Math.floorDiv(unix100ns, 10_000_000L);
        int micros = (int) (Math.floorMod(unix100ns, 10_000_000L) / 10);
        return format(seconds, micros);
    }

    static String systemtime(byte[] b, int off) {
        int year = LittleEndian.u16(b, off);
        int month = LittleEndian.u16(b, off + 2);
        int day = LittleEndian.u16(b, off + 6);
        int hour = LittleEndian.u16(b, off + 8);
        int minute = LittleEndian.u16(b, off + 10);
        int second = LittleEndian.u16(b, off + 12);
        int millis = LittleEndian.u16(b, off + 14);
        StringBuilder sb = new StringBuilder(27);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append('T');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2).append('.');
        pad(sb, millis * 1000, 6).append('Z');
        return sb.toString();
    }

    static String format(long epochSeconds, int micros) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        int secOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
        // Civil-from-days (proleptic Gregorian), as java.time.LocalDate.ofEpochDay does.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        StringBuilder sb = new StringBuilder(27);
        if (y < 0 || y > 9999) {
            sb.append(y);
        } else {
            pad(sb, (int) y, 4);
        }
        sb.append('-');
        pad(sb, (int) m, 2).append('-');
        pad(sb, (int) d, 2).append('T');
        pad(sb, secOfDay / 3600, 2).append(':');
        pad(sb, secOfDay / 60 % 60, 2).append(':');
        pad(sb, secOfDay % 60, 2).append('.');
        pad(sb, micros, 6).append('Z');
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int digits) {
        int n = 1;
        for (int t = v; t >= 10; t /= 10) {
            n++;
        }
        for (int i = n; i < digits; i++) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
