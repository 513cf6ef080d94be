package tansa.report;

import java.util.List;
import java.util.Locale;

/** MITRE ATT&CK (Enterprise) tactics in kill-chain order, as Sigma rules tag them ({@code attack.lateral-movement}). */
public enum Attack {
    RECONNAISSANCE("reconnaissance", "Reconnaissance", "偵察"),
    RESOURCE_DEVELOPMENT("resource-development", "Resource Development", "リソース開発"),
    INITIAL_ACCESS("initial-access", "Initial Access", "初期アクセス"),
    EXECUTION("execution", "Execution", "実行"),
    PERSISTENCE("persistence", "Persistence", "永続化"),
    PRIVILEGE_ESCALATION("privilege-escalation", "Privilege Escalation", "権限昇格"),
    DEFENSE_EVASION("defense-evasion", "Defense Evasion", "防御回避"),
    CREDENTIAL_ACCESS("credential-access", "Credential Access", "認証情報アクセス"),
    DISCOVERY("discovery", "Discovery", "探索"),
    LATERAL_MOVEMENT("lateral-movement", "Lateral Movement", "横展開"),
    COLLECTION("collection", "Collection", "収集"),
    COMMAND_AND_CONTROL("command-and-control", "Command and Control", "C2（遠隔操作）"),
    EXFILTRATION("exfiltration", "Exfiltration", "持ち出し"),
    IMPACT("impact", "Impact", "影響");

    static final List<Attack> ORDER = List.of(values());
    private final String tag;
    private final String en;
    private final String ja;

    Attack(String tag, String en, String ja) {
        this.tag = tag;
        this.en = en;
        this.ja = ja;
    }

    /** The tag after {@code attack.}, e.g. {@code lateral-movement}. */
    public String tag() {
        return tag;
    }

    public String title(Lang lang) {
        return lang.pick(en, ja);
    }

    /** The tactic a tag names ({@code attack.lateral_movement} and {@code attack.lateral-movement} both), or null. */
    static Attack ofTag(String tag) {
        if (!tag.regionMatches(true, 0, "attack.", 0, 7)) {
            return null;
        }
        String t = tag.substring(7).toLowerCase(Locale.ROOT).replace('_', '-');
        for (Attack a : ORDER) {
            if (a.tag.equals(t)) {
                return a;
            }
        }
        return null;
    }

    /** The technique a tag names ({@code attack.t1059.001} gives {@code T1059.001}), or null. */
    static String techniqueOf(String tag) {
        if (tag.length() < 12 || !tag.regionMatches(true, 0, "attack.t", 0, 8)) {
            return null;
        }
        for (int i = 8; i < 12; i++) {
            if (!Character.isDigit(tag.charAt(i))) {
                return null;
            }
        }
        return tag.substring(7).toUpperCase(Locale.ROOT);
    }
}
