package tansa.report.clock;

import tansa.report.Lang;

/** A fact of the case that starts a regime's clock. */
public enum Trigger {
    SENSITIVE_PERSONAL_DATA("sensitive (special care-required) personal data may have leaked (PPC Rules Article 7(i))",
            "要配慮個人情報が漏えいしたおそれ（施行規則第7条第1号）"),
    FINANCIAL_LOSS_RISK("data whose misuse may cause financial loss may have leaked (PPC Rules Article 7(ii))",
            "不正に利用されることにより財産的被害が生じるおそれがある個人データの漏えいのおそれ（施行規則第7条第2号）"),
    WRONGFUL_PURPOSE("the breach may have been done for a wrongful purpose, e.g. unauthorized access (PPC Rules Article 7(iii))",
            "不正の目的をもって行われたおそれがある漏えい（不正アクセス等。施行規則第7条第3号）"),
    OVER_1000_INDIVIDUALS("personal data of more than 1,000 individuals may have leaked (PPC Rules Article 7(iv))",
            "本人の数が1,000人を超える漏えいのおそれ（施行規則第7条第4号）"),
    PERSONAL_DATA_BREACH("a personal data breach (GDPR Article 4(12))", "個人データ侵害（GDPR第4条第12号）"),
    MATERIALITY_DETERMINED("the incident was determined to be material", "インシデントが重要であると判断された");

    private final String en;
    private final String ja;

    Trigger(String en, String ja) {
        this.en = en;
        this.ja = ja;
    }

    public String text(Lang lang) {
        return lang.pick(en, ja);
    }
}
