package tansa.exposure.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextScannerTest {
    private static List<Hit> scan(String text) {
        List<Hit> hits = new ArrayList<>();
        TextScanner s = Detectors.standard().newScanner(hits::add);
        s.append(text);
        s.finish();
        return hits;
    }

    private static List<String> types(String text) {
        List<String> out = new ArrayList<>();
        for (Hit h : scan(text)) {
            out.add(h.type().id() + (h.label() != null ? "=" + h.label() : "") + ":" + h.value());
        }
        return out;
    }

    @Test
    void findsJapaneseMarkingsButNotWordsContainingThem() {
        assertEquals(List.of("marking.classification=秘:秘"), types("【秘】 会議資料"));
        assertEquals(List.of("marking.classification=秘:秘"), types("秘密区分：秘\n"));
        assertEquals(List.of(), types("秘書の田中が神秘的な守秘義務について話した。秘密です。"));
        assertEquals(List.of("marking.classification=極秘:極秘"), types("［極秘］"));
        assertEquals(List.of(), types("計画は極秘に進められた"));
        assertEquals(List.of("marking.classification=機密性2B:機密性２Ｂ", "marking.classification=機密性3:機密性3"), types("機密性２Ｂ と 機密性3 の文書"));
        assertEquals(List.of(), types("機密性の高い情報"));
        assertEquals(List.of("marking.classification=社外秘:社外秘", "marking.classification=部外秘:部外秘"), types("社外秘 部外秘"));
        assertEquals(List.of("marking.classification=取扱注意:取扱注意"), types("取扱注意\n"));
        assertEquals(List.of(), types("取扱注意事項をお読みください"));
        assertEquals(List.of("marking.classification=重要経済安保情報:重要経済安保情報"), types("【重要経済安保情報】"));
        assertEquals(List.of(), types("重要経済安保情報保護活用法が施行された"));
    }

    @Test
    void findsEnglishMarkingsOnlyAsBannersOrCaveats() {
        assertEquals(List.of("marking.classification=SECRET:SECRET"), types("SECRET//NOFORN\nbody"));
        assertEquals(List.of("marking.classification=TOP SECRET:TOP SECRET"), types("  TOP SECRET  \n"));
        assertEquals(List.of("marking.classification=CONFIDENTIAL:CONFIDENTIAL"), types("x\nCONFIDENTIAL\ny"));
        assertEquals(List.of(), types("The secret to good software is Secret sauce and confidential talks."));
        assertEquals(List.of("marking.classification=FOUO:FOUO"), types("UNCLASSIFIED//FOUO"));
        assertEquals(List.of("marking.classification=CUI:CUI"), types("CUI\n"));
        assertEquals(List.of("marking.export_control=ITAR:ITAR", "marking.export_control=Distribution Statement D:Distribution Statement D"),
                types("This is ITAR controlled. Distribution Statement D applies."));
        assertEquals(List.of(), types("Distribution Statement A: approved for public release"));
    }

    @Test
    void findsNumbersWithValidCheckDigitsOnly() {
        assertEquals(List.of("pii.credit_card:4111 1111 1111 1111"), types("card 4111 1111 1111 1111 ok"));
        assertEquals(List.of(), types("card 4111 1111 1111 1112 ok"));
        assertEquals(List.of("pii.us_ssn:123-45-6789"), types("SSN 123-45-6789"));
        assertEquals(List.of("pii.phone:03-1234-5678", "pii.phone:０９０－１２３４－５６７８", "pii.phone:+81 3-1234-5678"),
                types("TEL 03-1234-5678 携帯 ０９０－１２３４－５６７８ intl +81 3-1234-5678"));
        String myNumber = "12345678901";
        myNumber += CheckDigits.myNumberCheckDigit(myNumber);
        assertEquals(List.of("pii.jp_my_number:" + myNumber), types("マイナンバー: " + myNumber));
        assertEquals(List.of(), types("注文番号 " + myNumber));
        String corp = "123456789012";
        corp = CheckDigits.corporateNumberCheckDigit(corp) + corp;
        assertEquals(List.of("pii.jp_corporate_number:" + corp), types("法人番号 " + corp));
        assertEquals(List.of("pii.jp_passport:TK1234567"), types("旅券番号 TK1234567"));
        assertEquals(List.of(), types("品番 TK1234567"));
    }

    @Test
    void findsSecretsAndEmails() {
        assertEquals(List.of("pii.email:Taro.Yamada@example.co.jp"), types("連絡先 Taro.Yamada@example.co.jp まで"));
        assertEquals(List.of(), types("icon@2x.png and @mention and a@b"));
        assertEquals(List.of("secret.password:hunter22"), types("db_password = \"hunter22\""));
        assertEquals(List.of("secret.password:s3cret!"), types("postgres://admin:s3cret!@db.example.com/app"));
        assertEquals(List.of(), types("password: ********\nForgot your password? password: must be long"));
        assertEquals(List.of("secret.password:enVzdu!5560p"), types("db.password = enVzdu!5560p\npassword = env('DB_PASSWORD')"));
        assertEquals(List.of("secret.aws_access_key:AKIAZ7QWERTYUIOP1234"), types("key=AKIAZ7QWERTYUIOP1234 AKIAIOSFODNN7EXAMPLE"));
        assertEquals(List.of("secret.github_token:ghp_" + "a".repeat(36)), types("token ghp_" + "a".repeat(36)));
        assertEquals(List.of("secret.private_key:-----BEGIN RSA PRIVATE KEY-----"), types("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n"));
        assertEquals(List.of(), types("-----BEGIN PUBLIC KEY-----\nMIIB\n"));
    }

    /**
     * A password assignment is found from its separator, looking back for the key: every form the
     * pattern allows between key and separator, in either case, and nothing else.
     */
    @Test
    void findsPasswordAssignmentsFromTheirSeparator() {
        assertEquals(List.of("secret.password:Tr0ub4dor3"), types("DB_PASSWORD=Tr0ub4dor3"));
        assertEquals(List.of("secret.password:Tr0ub4dor3"), types("\"Password\"   :  \"Tr0ub4dor3\""));
        assertEquals(List.of("secret.password:Tr0ub4dor3"), types("'pwd' => 'Tr0ub4dor3'"));
        assertEquals(List.of("secret.password:84726193"), types("passcode := 84726193"));
        assertEquals(List.of("secret.password:Tr0ub4dor3"), types("Server=db;User Id=sa;Passwd=Tr0ub4dor3;"));
        assertEquals(List.of("secret.password:Tr0ub4dor3"), types("mypass: Tr0ub4dor3"));
        assertEquals(List.of("secret.password:8472"), types("暗証番号：8472"));
        assertEquals(List.of("secret.password:Tr0ub4dor3"), types("パスワード = 「Tr0ub4dor3」"));
        // four blanks before the separator, or one after a quote, are past what the pattern allows
        assertEquals(List.of(), types("password    = Tr0ub4dor3"));
        assertEquals(List.of(), types("password \"= Tr0ub4dor3"));
        // separators without a key before them
        assertEquals(List.of(), types("12:00:00 host: x=Tr0ub4dor3 note: see ratio=3:1"));
    }

    @Test
    void findsMatchesAcrossWindowBoundaries() {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (sb.length() < 3 * TextScanner.CAPACITY) {
            sb.append("filler text ").append(n).append(" mail user").append(n).append("@example.com\n");
            n++;
        }
        List<Hit> hits = new ArrayList<>();
        TextScanner s = Detectors.standard().newScanner(hits::add);
        char[] all = sb.toString().toCharArray();
        for (int off = 0; off < all.length; off += 777) {
            s.append(all, off, Math.min(777, all.length - off));
        }
        s.finish();
        assertEquals(n, hits.size());
        assertEquals(n, hits.get(n - 1).line());
        assertTrue(hits.stream().allMatch(h -> h.type() == FindingType.PII_EMAIL));
    }

    @Test
    void findsDictionaryTermsAtWordBoundariesWithTheirLines() {
        KeywordDictionary dict = KeywordDictionary.of(List.of("Project Nightingale", "ハヤブサ", "量子暗号"));
        List<Hit> hits = new ArrayList<>();
        TextScanner s = new Detectors(dict).newScanner(hits::add);
        s.append("intro\nproject nightingale started\nnightingales sing\nハヤブサ計画とハヤブサイズ\n新しい量子暗号方式\n");
        s.finish();
        List<String> got = new ArrayList<>();
        for (Hit h : hits) {
            got.add(h.term() + "@" + h.line() + ":" + h.offset());
        }
        assertEquals(List.of("Project Nightingale@2:6", "ハヤブサ@4:52", "量子暗号@5:69"), got);
    }

    @Test
    void reportsLinesOfFindingsAfterSkippedMatches() {
        List<Hit> hits = scan("a\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nx\nmail: a@example.com\n");
        assertEquals(2, hits.size());
        assertEquals(2, hits.get(0).line());
        assertEquals(6, hits.get(1).line());
    }
}
