package tansa.exposure.detect;

import java.util.Locale;

/** The stable type ids of issue 4; {@link #id()} is what the JSONL output carries. */
public enum FindingType {
    MARKING_CLASSIFICATION("marking.classification"),
    MARKING_EXPORT_CONTROL("marking.export_control"),
    PII_EMAIL("pii.email"),
    PII_PHONE("pii.phone"),
    PII_CREDIT_CARD("pii.credit_card"),
    PII_JP_MY_NUMBER("pii.jp_my_number"),
    PII_JP_CORPORATE_NUMBER("pii.jp_corporate_number"),
    PII_JP_PASSPORT("pii.jp_passport"),
    PII_US_SSN("pii.us_ssn"),
    PII_PERSON_NAME("pii.person_name"),
    PII_ADDRESS("pii.address"),
    SECRET_PRIVATE_KEY("secret.private_key"),
    SECRET_AWS_ACCESS_KEY("secret.aws_access_key"),
    SECRET_GITHUB_TOKEN("secret.github_token"),
    SECRET_NPM_TOKEN("secret.npm_token"),
    SECRET_SLACK_TOKEN("secret.slack_token"),
    SECRET_JWT("secret.jwt"),
    SECRET_PASSWORD("secret.password"),
    KEYWORD("keyword");

    private final String id;
    private final String category;

    FindingType(String id) {
        this.id = id;
        int dot = id.indexOf('.');
        this.category = dot < 0 ? id : id.substring(0, dot);
    }

    public String id() {
        return id;
    }

    /** {@code marking}, {@code pii}, {@code secret} or {@code keyword}. */
    public String category() {
        return category;
    }

    /** Markings and keywords name a label or term, not a person's data: they are shown unmasked. */
    public boolean isSensitiveValue() {
        return this != MARKING_CLASSIFICATION && this != MARKING_EXPORT_CONTROL && this != KEYWORD;
    }

    public static FindingType byId(String id) {
        for (FindingType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown finding type '" + id.toLowerCase(Locale.ROOT) + "'");
    }
}
