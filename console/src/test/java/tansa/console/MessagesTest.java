package tansa.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesTest {
    @Test
    void everyStringIsInBothLanguages() {
        assertEquals(Messages.keys("en"), Messages.keys("ja"));
        for (String k : Messages.keys("ja")) {
            assertFalse(Messages.t("ja", k).isBlank(), k);
            assertFalse(Messages.t("en", k).isBlank(), k);
        }
        long japanese = Messages.keys("ja").stream().filter(k -> Messages.t("ja", k).chars().anyMatch(c -> c > 0x3000)).count();
        assertTrue(japanese > Messages.keys("ja").size() * 9 / 10, "Japanese strings: " + japanese + " of " + Messages.keys("ja").size());
    }

    @Test
    void theBrowsersLanguageChoosesWithQualityValues() {
        assertEquals("ja", Messages.fromAcceptLanguage("ja-JP,ja;q=0.9,en-US;q=0.8"));
        assertEquals("en", Messages.fromAcceptLanguage("en-US,en;q=0.9,ja;q=0.5"));
        assertEquals("ja", Messages.fromAcceptLanguage("fr-FR,ja;q=0.4"));
        assertEquals("en", Messages.fromAcceptLanguage("fr-FR"));
        assertEquals("en", Messages.fromAcceptLanguage(null));
    }
}
