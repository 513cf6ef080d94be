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
        String gh = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1" + TokenChecksums.checksum("aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1");
        assertEquals(List.of("secret.github_token:" + gh), types("token " + gh));
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

    // ---- issue 16 ----

    @Test
    void noEmailIsCutOutOfAUrlsUserInfo() {
        assertEquals(List.of("secret.password:S3cret!99"), types("DATABASE_URL=postgresql://app:S3cret!99@db-prod.internal.example.com:5432/app"));
        assertEquals(List.of(), types("git clone ssh://git@github.example.com/org/repo.git"));
        assertEquals(List.of("pii.email:taro@example.co.jp"), types("<a href=\"mailto:taro@example.co.jp\">"));
        assertEquals(List.of("pii.email:hanako@example.com"), types("see https://example.com/people/ (hanako@example.com)"));
        assertEquals(List.of("pii.email:taro@example.com", "pii.email:jiro@example.co.jp"), types("E-mail:taro@example.com メール:jiro@example.co.jp"));
        assertEquals(List.of(), types("login admin:Secret99@db.example.com"));
    }

    private static String github(String prefix, String random30) {
        return prefix + random30 + TokenChecksums.checksum(random30);
    }

    @Test
    void tokensWithAChecksumAreReportedOnlyWhenItHolds() {
        String r = "Zk3Qw9LmT2vX8pRb4NcY7hJd1FsGa6";
        for (String p : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            assertEquals(List.of("secret.github_token:" + github(p, r)), types("GITHUB_TOKEN=" + github(p, r)), p);
        }
        assertEquals(List.of(), types("token: ghp_" + "x".repeat(36)));
        assertEquals(List.of(), types("token: ghp_" + r + "AAAAAA"));
        assertEquals(List.of("secret.npm_token:" + github("npm_", r)), types("//registry.npmjs.org/:_authToken=" + github("npm_", r)));
        assertEquals(List.of(), types("//registry.npmjs.org/:_authToken=npm_" + "X".repeat(36)));
        String pat = "github_pat_11ABCDEFG0aBcDeFgHiJkL_" + "Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm9Qa8Ws7Ed6Rf5Tg4Yh3Uj2Ik";
        assertEquals(List.of("secret.github_token:" + pat), types("export GH_TOKEN=" + pat));
        assertEquals(List.of(), types("export GH_TOKEN=github_pat_11AAAAAAAAAAAAAAAAAAAAAA_" + "x".repeat(59)));
    }

    @Test
    void aTokenInAUrlsUserInfoIsReportedAsThatToken() {
        String gh = github("ghp_", "Zk3Qw9LmT2vX8pRb4NcY7hJd1FsGa6");
        assertEquals(List.of("secret.github_token:" + gh), types("url = https://x-access-token:" + gh + "@github.com/org/repo.git"));
        assertEquals(List.of("secret.github_token:" + gh), types("git clone https://" + gh + "@github.com/org/repo.git"));
    }

    @Test
    void anySchemeWithUserAndPasswordCounts() {
        for (String scheme : List.of("mysql2", "postgresql+psycopg2", "mongodb+srv", "redis", "amqp", "smb", "sqlserver", "clickhouse", "cockroachdb")) {
            assertEquals(List.of("secret.password:Kx7!pq2Wz"), types("url: " + scheme + "://svc_app:Kx7!pq2Wz@host-01.example.net/db"), scheme);
        }
        assertEquals(List.of(), types("postgres://user:password@localhost/db and redis://:${REDIS_PASSWORD}@cache:6379"));
    }

    @Test
    void findsPasswordsOnCommandLines() {
        assertEquals(List.of("secret.password:Winter2024!"), types("net use Z: \\\\fs01\\share /user:CORP\\svc_backup Winter2024! /persistent:no"));
        assertEquals(List.of("secret.password:Winter2024!"), types("NET USE \\\\fs01\\IPC$ Winter2024! /USER:CORP\\administrator"));
        assertEquals(List.of(), types("net use Z: \\\\fs01\\share /user:CORP\\svc_backup *"));
        assertEquals(List.of("secret.password:Pa55w0rd#1"), types("psexec.exe \\\\10.0.0.5 -u CORP\\admin -p Pa55w0rd#1 -s cmd.exe"));
        assertEquals(List.of("secret.password:r00tT0ps3cr3t"), types("sshpass -p 'r00tT0ps3cr3t' ssh root@10.0.0.7"));
        assertEquals(List.of("secret.password:dbP4ss2023"), types("mysqldump -u backup -pdbP4ss2023 --all-databases > all.sql"));
        assertEquals(List.of(), types("mysql -u root -p customers"));
        assertEquals(List.of("secret.password:dbP4ss2023"), types("mysql --user=backup --password=dbP4ss2023 -h db01"));
        assertEquals(List.of("secret.password:Sup3rS3cret"), types("curl -s -u deploy:Sup3rS3cret https://ci.example.com/api"));
        assertEquals(List.of("secret.password:Adm1n!2024"),
                types("$pw = ConvertTo-SecureString 'Adm1n!2024' -AsPlainText -Force"));
        assertEquals(List.of(), types("$pw = ConvertTo-SecureString $plain -AsPlainText -Force"));
        assertEquals(List.of("secret.password:H3lpd3sk!"), types("lsrunas /user:helpdesk /password:H3lpd3sk! /domain:CORP /command:cmd.exe"));
        assertEquals(List.of("secret.password:Sm8Pass77"), types("smbclient //fs01/share -U svc%Sm8Pass77"));
        assertEquals(List.of(), types("ssh -p 2222 admin@host and ls -u -p dir"));
    }

    private static List<String> labels(String text) {
        List<String> out = new ArrayList<>();
        for (Hit h : scan(text)) {
            out.add(h.label());
        }
        return out;
    }

    @Test
    void reportsEveryMarkingOfABannerLine() {
        assertEquals(List.of("社外秘", "CONFIDENTIAL"), labels("社外秘 CONFIDENTIAL\n本文"));
        assertEquals(List.of("CONFIDENTIAL", "秘"), labels("CONFIDENTIAL // 秘\n"));
        assertEquals(List.of("極秘", "TOP SECRET"), labels("極秘 / TOP SECRET\n"));
        assertEquals(List.of("SECRET", "秘"), labels("SECRET｜秘\n"));
    }

    @Test
    void recognisesTheBannersOfDocumentHeadersAndFooters() {
        assertEquals(List.of("CONFIDENTIAL"), labels("body\nCONFIDENTIAL - Page 3 of 10\n"));
        assertEquals(List.of("CONFIDENTIAL"), labels("Company Confidential | Page 2\n"));
        assertEquals(List.of("CONFIDENTIAL"), labels("Confidential – Internal Use Only\n"));
        assertEquals(List.of("CONFIDENTIAL"), labels("Page 1 of 5    CONFIDENTIAL\n"));
        assertEquals(List.of("秘"), labels("- 3 -　秘\n"));
        assertEquals(List.of("極秘"), labels("2024年5月1日　極秘\n"));
        assertEquals(List.of("SECRET"), labels("SECRET//REL TO USA\n"));
        // prose around the word is still not a banner
        assertEquals(List.of(), labels("Use of Confidential Information\nthe secret of it\n秘書室 3階\n"));
    }

    /** A table whose context column comes after others, with rows far below the header and long. */
    private static String table(String sep, String header, int rows, int at, String value) {
        StringBuilder sb = new StringBuilder("No" + sep + "氏名" + sep + "住所" + sep + "備考" + sep + header + sep + "登録日\n");
        for (int r = 1; r <= rows; r++) {
            String note = "\"" + "長い備考, カンマ入り ".repeat(r % 7 == 0 ? 30 : 1) + "\"";
            sb.append(r).append(sep).append("山田 太郎").append(sep).append("東京都千代田区1-2-3").append(sep).append(note).append(sep)
                    .append(r == at ? value : "-").append(sep).append("2024/04/01\n");
        }
        return sb.toString();
    }

    @Test
    void aColumnHeaderAppliesToEveryRowOfItsColumn() {
        String myNumber = "98765432101";
        myNumber += CheckDigits.myNumberCheckDigit(myNumber);
        for (String header : List.of("個人番号", "マイナンバー")) {
            for (int at : List.of(3, 700, 1400)) {
                assertEquals(List.of("pii.jp_my_number:" + myNumber),
                        types(table(",", header, 1500, at, myNumber)).stream().filter(t -> !t.startsWith("pii.address") && !t.startsWith("pii.person_name")).toList(),
                        header + " row " + at);
            }
        }
        assertEquals(List.of("pii.jp_my_number:" + myNumber),
                types(table("\t", "個人番号", 900, 777, myNumber)).stream().filter(t -> t.startsWith("pii.jp_my")).toList());
        // the same number in a column with another header is not one
        assertEquals(List.of(), types(table(",", "会員番号", 900, 777, myNumber)).stream().filter(t -> t.startsWith("pii.jp_my")).toList());
        assertEquals(List.of("pii.us_ssn:536224410"),
                types(table(",", "SSN", 900, 800, "536224410")).stream().filter(t -> t.startsWith("pii.us")).toList());
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String qp(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            sb.append(b < 0 || b == '=' ? String.format(java.util.Locale.ROOT, "=%02X", b & 0xFF) : String.valueOf((char) b));
        }
        return sb.toString();
    }

    @Test
    void decodesJsonEscapesBeforeDetection() {
        assertEquals(List.of("marking.classification=社外秘:社外秘", "pii.email:taro@example.com"),
                types("{\"note\":\"\\u793e\\u5916\\u79d8 \\u9867\\u5ba2: taro@example.com\"}"));
        assertEquals(List.of("pii.email:taro@example.co.jp"), types("{\"mail\":\"taro\\u0040example.co.jp\"}"));
        String myNumber = "12345678901";
        myNumber += CheckDigits.myNumberCheckDigit(myNumber);
        assertEquals(List.of("pii.jp_my_number:" + myNumber), types("{\"\\u30de\\u30a4\\u30ca\\u30f3\\u30d0\\u30fc\\\": \\\"" + myNumber + "\"}"));
        // a JSON line break makes a banner line of its own
        assertEquals(List.of("marking.classification=CONFIDENTIAL:CONFIDENTIAL"), types("{\"body\":\"\\u4ef6\\u540d\\nCONFIDENTIAL\\nplan\"}"));
    }

    @Test
    void decodesCharacterReferencesAndEntities() {
        assertEquals(List.of("marking.classification=社外秘:社外秘"), types("<title>&#31038;&#22806;&#31192;</title>"));
        assertEquals(List.of("marking.classification=秘:秘"), types("<p>&#x3010;&#x79D8;&#x3011; 会議資料</p>"));
        assertEquals(List.of("pii.email:hanako@example.com"), types("<to>hanako&#64;example.com</to>"));
        assertEquals(List.of("marking.classification=秘:秘"), types("<h1>&lt;秘&gt;</h1>"));
    }

    @Test
    void decodesUrlEncodingQuotedPrintableAndEncodedWords() {
        assertEquals(List.of("pii.email:taro@example.co.jp", "marking.classification=社外秘:社外秘"),
                types("GET /form?email=taro%40example.co.jp&note=%E3%80%90%E7%A4%BE%E5%A4%96%E7%A7%98%E3%80%91 HTTP/1.1"));
        assertEquals(List.of("marking.classification=秘:秘"), types(qp("【秘】 会議") + "\n"));
        assertEquals(List.of("pii.phone:03-1234-5678"), types(qp("電話番号：03-1234-5678（代表）") + "\n"));
        assertEquals(List.of("marking.classification=社外秘:社外秘"), types("Subject: =?UTF-8?B?" + b64("【社外秘】見積") + "?=\n"));
        assertEquals(List.of("marking.classification=社外秘:社外秘"), types("Subject: =?utf-8?Q?" + qp("【社外秘】").replace(' ', '_') + "?=\n"));
    }

    @Test
    void reportsADecodedFindingAtItsPlaceInTheFile() {
        List<Hit> hits = scan("line one\n{\"mail\": \"jiro\\u0040example.com\"}\n");
        assertEquals(1, hits.size());
        assertEquals("jiro@example.com", hits.get(0).value());
        assertEquals(2, hits.get(0).line());
        assertEquals(19, hits.get(0).offset());
    }

    @Test
    void textWithoutEscapesIsScannedAsBefore() {
        assertEquals(List.of("pii.email:a.b@example.com"), types("50% off & more at C:\\temp\\x; a=1 b==2 a.b@example.com %zz &nope \\q"));
    }

    @Test
    void aTsvFieldMayHoldACommaAndAPasswordAnAmpersandOrHash() {
        StringBuilder tsv = new StringBuilder("Employee ID\tLocation\tSSN\tHired\n");
        for (int r = 0; r < 300; r++) {
            tsv.append("E").append(10000 + r).append("\tSeattle, WA\t").append(r == 250 ? "536224410" : "").append("\t2021-04-01\n");
        }
        assertEquals(List.of("pii.us_ssn:536224410"), types(tsv.toString()));
        assertEquals(List.of("secret.password:Summer51&6"), types("SMTP_PASSWORD=Summer51&6\n"));
        assertEquals(List.of("secret.password:abc123x"), types("GET /login?password=abc123x&user=bob"));
        assertEquals(List.of("secret.password:Osaka#2!x"), types("src=ftp://sync:Osaka#2!x@files.example.co.jp/in"));
    }
}
