package tansa.sigma.rule;

import java.util.Locale;

/** The value modifiers of the Sigma 2.1 modifiers appendix. */
public enum Modifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, EXISTS, CASED, NEQ,
    WINDASH, RE, I, M, S,
    BASE64, BASE64OFFSET, UTF16LE, UTF16BE, UTF16, WIDE,
    LT, LTE, GT, GTE,
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR,
    CIDR, EXPAND, FIELDREF;

    /** The modifier spelled as in a rule, or null when there is none such. */
    public static Modifier parse(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        for (Modifier m : values()) {
            if (m.name().equals(u) && s.equals(s.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean regexFlag() {
        return this == I || this == M || this == S;
    }

    public boolean timePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    public boolean numericCompare() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }
}
