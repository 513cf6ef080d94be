package tansa.report;

import java.util.Locale;

/** The report's two languages; a report is written wholly in one of them. */
public enum Lang {
    EN(Locale.ENGLISH),
    JA(Locale.JAPANESE);

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code en} or {@code ja}, case-insensitive; null for anything else. */
    public static Lang parse(String s) {
        for (Lang l : values()) {
            if (l.name().equalsIgnoreCase(s)) {
                return l;
            }
        }
        return null;
    }

    /** The text for this language: {@code en} or {@code ja}. */
    public String pick(String en, String ja) {
        return this == JA ? ja : en;
    }
}
