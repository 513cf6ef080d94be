package tansa.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/**
 * The report's texts, numbers and dates in one language: every string from
 * {@code messages_LANG.properties} (UTF-8), numbers with the locale's grouping, dates in the
 * language's convention and zone (English: UTC, {@code 7 Dec 2026 15:04 UTC}; Japanese: Japan
 * time, {@code 2026年12月8日 0:04 JST}).
 */
public final class Messages {
    private final Lang lang;
    private final Properties texts = new Properties();
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    public Messages(Lang lang) {
        this.lang = lang;
        String name = "/tansa/report/messages_" + lang.name().toLowerCase(Locale.ROOT) + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lang == Lang.JA) {
            zone = ZoneId.of("Asia/Tokyo");
            dateTime = DateTimeFormatter.ofPattern("uuuu年M月d日 H:mm 'JST'", Locale.JAPANESE);
            date = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
        } else {
            zone = ZoneId.of("UTC");
            dateTime = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm 'UTC'", Locale.ENGLISH);
            date = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
        }
    }

    public Lang lang() {
        return lang;
    }

    /** The text of a key, with {0}, {1}... filled in. */
    public String get(String key, Object... args) {
        String t = texts.getProperty(key);
        if (t == null) {
            throw new IllegalArgumentException("no " + lang + " text for " + key);
        }
        if (args.length == 0) {
            return t.replace("''", "'");
        }
        Object[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] instanceof Long || a[i] instanceof Integer) {
                a[i] = number(((Number) a[i]).longValue()); // MessageFormat would group by the default locale
            }
        }
        return new MessageFormat(t, lang.locale()).format(a);
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    java.util.Set<String> keys() {
        return texts.stringPropertyNames();
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(lang.locale()).format(n);
    }

    /** A time in the language's zone and convention; the "not recorded" text for null. */
    public String time(Instant t) {
        return t == null ? get("a.notRecorded") : dateTime.format(t.atZone(zone));
    }

    /** A deadline in its own regime's zone, named (JST, UTC, ET). */
    public String deadline(ZonedDateTime t) {
        DateTimeFormatter f = lang == Lang.JA
                ? DateTimeFormatter.ofPattern("uuuu年M月d日 H:mm", Locale.JAPANESE)
                : DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ENGLISH);
        return f.format(t) + " " + zoneName(t.getZone());
    }

    private String zoneName(ZoneId z) {
        switch (z.getId()) {
            case "Asia/Tokyo":
                return "JST";
            case "America/New_York":
                return lang == Lang.JA ? "米国東部時間" : "ET";
            default:
                return "UTC";
        }
    }

    public String day(java.time.LocalDate d) {
        return date.format(d);
    }

    /** A finding type in words ({@code pii.email}: e-mail addresses), or the type itself when unnamed. */
    public String type(String type) {
        String key = "type." + type;
        return has(key) ? get(key) : type;
    }

    /** A host's containment status: the analyst's text, "isolation recommended" from the plan, or "no action". */
    public String containment(String c) {
        return c == null ? get("containment.none") : c.equals("isolate") ? get("containment.isolate") : c;
    }

    public String level(String level) {
        String key = "level." + level;
        return has(key) ? get(key) : level;
    }

    /** A duration as days and hours (or hours and minutes under a day). */
    public String duration(Duration d) {
        long minutes = Math.abs(d.toMinutes());
        if (minutes >= 24 * 60) {
            return get("duration.days", minutes / (24 * 60), (minutes % (24 * 60)) / 60);
        }
        return get("duration.hours", minutes / 60, minutes % 60);
    }
}
