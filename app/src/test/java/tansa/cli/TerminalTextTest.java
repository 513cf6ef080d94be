package tansa.cli;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalTextTest {
    /** Any character a terminal would act on, rather than show. */
    static boolean hasUnsafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && TerminalText.unsafe(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void escapesTerminalControlSequencesBidiAndLineBreaksButNotBackslashes() {
        assertEquals("WS\\x1b]0;pwned\\x07", TerminalText.escape("WS\u001b]0;pwned\u0007"));
        assertEquals("a\\x1b[2Jb", TerminalText.escape("a\u001b[2Jb"));
        assertEquals("invoice\\u202efdp.exe", TerminalText.escape("invoice\u202efdp.exe"));
        assertEquals("one\\ntwo\\rthree\\tfour", TerminalText.escape("one\ntwo\rthree\tfour"));
        assertEquals("csi\\u009b31m", TerminalText.escape("csi\u009b31m"));
        assertEquals("del\\x7f", TerminalText.escape("del\u007f"));
        assertEquals("C:\\Windows\\x1b", TerminalText.escape("C:\\Windows\\x1b"));
        assertEquals("極秘 資料 \uD83D\uDE00", TerminalText.escape("極秘 資料 \uD83D\uDE00"));
        assertEquals("lone \\ud800 surrogate", TerminalText.escape("lone \ud800 surrogate"));
        assertEquals("-", TerminalText.escape(null));
    }

    @Test
    void cutsLongValuesToTheLimitWithAnEllipsis() {
        String s = TerminalText.escape("x".repeat(10_000), 256);
        assertEquals(256, s.length());
        assertTrue(s.endsWith("\u2026"));
        String e = TerminalText.escape("\u001b".repeat(1000), 20);
        assertEquals(20, e.length());
        assertFalse(hasUnsafe(e));
    }

    @Test
    void countsEastAsianWideCharactersAsTwoColumns() {
        assertEquals(4, TerminalText.width("極秘"));
        assertEquals(13, TerminalText.width("ＡＢＣ ｱｲｳ 漢"));  // fullwidth Latin 2 each, halfwidth kana 1 each
        assertEquals(1, TerminalText.width("e\u0301"));        // combining accent takes no column
        assertEquals("極秘資料…", TerminalText.fit("極秘資料です", 9));
        assertEquals("極秘資… ", TerminalText.fit("極秘資料です", 8));
        assertEquals(9, TerminalText.width(TerminalText.fit("極秘資料です", 9)));
        assertEquals(8, TerminalText.width(TerminalText.fit("極秘資料です", 8)));
        assertEquals("ab  ", TerminalText.fit("ab", 4));
    }

    @Test
    void theWriterEscapesEverythingButLineFeedsAndLetsOurOwnSequencesThrough() {
        StringWriter sw = new StringWriter();
        TerminalSafeWriter.Printer p = new TerminalSafeWriter.Printer(sw, false, 100);
        p.print("a\u001b[2J\n");
        p.println("b\nc\u202e");
        p.raw("\r\u001b[0m");
        p.flush();
        assertEquals("a\\x1b[2J\nb\\nc\\u202e" + System.lineSeparator() + "\r\u001b[0m", sw.toString());
    }
}
