package tansa.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final Pattern LATIN_WORD = Pattern.compile("\\b[a-z]{4,}\\b");

    @Test
    void everyEnglishTextHasAJapaneseTwinAndTheJapaneseNeedsNoEnglishWords() {
        Messages en = new Messages(Lang.EN);
        Messages ja = new Messages(Lang.JA);
        assertEquals(en.keys(), ja.keys());
        for (String k : ja.keys()) {
            String t = ja.get(k).replaceAll("tansa( [a-z]+)?|krbtgt|case_setting|[a-z_]+_at|personal_data|individuals_affected", "");
            // Setting keys and command names are code; prose words are not.
            assertTrue(!LATIN_WORD.matcher(t.replaceAll("\\{\\d\\}", "")).find() || k.startsWith("missing."),
                    k + " has English in the Japanese report: " + ja.get(k));
        }
    }

    @Test
    void datesFollowEachLanguagesConventionAndZone() {
        Instant t = Instant.parse("2026-12-07T15:04:00Z");
        assertEquals("7 Dec 2026 15:04 UTC", new Messages(Lang.EN).time(t));
        assertEquals("2026年12月8日 0:04 JST", new Messages(Lang.JA).time(t));
        assertEquals("1,520", new Messages(Lang.JA).number(1520));
        assertEquals("2日3時間", new Messages(Lang.JA).duration(Duration.ofHours(51)));
        assertEquals("2 d 3 h", new Messages(Lang.EN).duration(Duration.ofHours(-51)));
    }

    @Test
    void argumentsAreGroupedByTheReportsLanguageNotTheMachines() {
        assertEquals("1,520人（重複を除く。案件設定 x）。", new Messages(Lang.JA).get("a.people.count", 1520L, "x"));
    }
}
