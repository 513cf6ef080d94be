package tansa.report.clock;

import tansa.report.Lang;

/** One report a regime requires, with the legal basis of its deadline. */
public enum Obligation {
    APPI_PRELIMINARY(Regime.APPI, "Preliminary report to the Personal Information Protection Commission",
            "個人情報保護委員会への速報",
            "APPI Article 26(1); PPC Rules Article 8(1): promptly after becoming aware; the PPC guidelines"
                    + " (General Rules) 3-5-3-3 take this as about 3 to 5 days, shown here as the end of day 5",
            "個人情報保護法第26条第1項、施行規則第8条第1項：事態を知った後、速やかに。ガイドライン（通則編）3-5-3-3により"
                    + "概ね3～5日以内とされるため、5日目の終わりを目安として示す"),
    APPI_FINAL(Regime.APPI, "Final report to the Personal Information Protection Commission",
            "個人情報保護委員会への確報",
            "APPI Article 26(1); PPC Rules Article 8(2): within 30 days of becoming aware, 60 days where the breach"
                    + " may have been done for a wrongful purpose; guidelines 3-5-3-4: the day of awareness is day 1,"
                    + " and a last day on a weekend, holiday or December 29 to January 3 moves to the next open day",
            "個人情報保護法第26条第1項、施行規則第8条第2項：事態を知った日から30日以内（不正の目的による場合は60日以内）。"
                    + "ガイドライン（通則編）3-5-3-4：知った日を1日目とし、末日が土日・祝日・年末年始（12月29日～1月3日）の場合は"
                    + "その翌開庁日まで"),
    GDPR_ARTICLE_33(Regime.GDPR, "Notification of the personal data breach to the supervisory authority",
            "監督機関への個人データ侵害の通知",
            "GDPR Article 33(1): without undue delay and, where feasible, not later than 72 hours after becoming aware"
                    + " of it; a later notification must give the reasons for the delay",
            "GDPR第33条第1項：不当な遅滞なく、かつ可能な場合は侵害を認識してから72時間以内。遅れた場合は遅延の理由を付す"),
    SEC_FORM_8K(Regime.SEC, "Form 8-K, Item 1.05 (material cybersecurity incident)",
            "Form 8-K Item 1.05（重要なサイバーセキュリティインシデント）の提出",
            "Form 8-K General Instruction B.1 and Item 1.05: within four business days after the registrant"
                    + " determines the incident is material (weekends and federal holidays are not business days);"
                    + " shown at 5:30 p.m. Eastern, EDGAR's cut-off for that day's filing date",
            "Form 8-K 一般指示B.1およびItem 1.05：登録者がインシデントを重要と判断してから4営業日以内（土日と連邦祝日は"
                    + "営業日に含まない）。当日付の提出となるEDGARの締切（米国東部時間17時30分）で示す");

    private final Regime regime;
    private final String titleEn;
    private final String titleJa;
    private final String basisEn;
    private final String basisJa;

    Obligation(Regime regime, String titleEn, String titleJa, String basisEn, String basisJa) {
        this.regime = regime;
        this.titleEn = titleEn;
        this.titleJa = titleJa;
        this.basisEn = basisEn;
        this.basisJa = basisJa;
    }

    public Regime regime() {
        return regime;
    }

    public String title(Lang lang) {
        return lang.pick(titleEn, titleJa);
    }

    /** The legal basis of the deadline, cited. */
    public String basis(Lang lang) {
        return lang.pick(basisEn, basisJa);
    }
}
