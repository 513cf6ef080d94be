package tansa.report.clock;

import java.time.ZoneId;
import tansa.report.Lang;

/** A notification regime whose deadlines a case can be held to, with the zone its days are counted in. */
public enum Regime {
    APPI("Japan: Act on the Protection of Personal Information", "日本：個人情報の保護に関する法律", ZoneId.of("Asia/Tokyo")),
    GDPR("EU: General Data Protection Regulation", "EU：一般データ保護規則（GDPR）", ZoneId.of("UTC")),
    SEC("US: SEC Form 8-K Item 1.05", "米国：SEC Form 8-K Item 1.05", ZoneId.of("America/New_York"));

    private final String en;
    private final String ja;
    private final ZoneId zone;

    Regime(String en, String ja, ZoneId zone) {
        this.en = en;
        this.ja = ja;
        this.zone = zone;
    }

    public String title(Lang lang) {
        return lang.pick(en, ja);
    }

    /** The zone the regime's days are counted in (and its deadlines shown in). */
    public ZoneId zone() {
        return zone;
    }

    /** {@code appi}, {@code gdpr} or {@code sec}, case-insensitive; null for anything else. */
    public static Regime parse(String s) {
        for (Regime r : values()) {
            if (r.name().equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        return null;
    }
}
