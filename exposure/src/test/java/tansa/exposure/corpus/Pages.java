package tansa.exposure.corpus;

import java.util.List;
import java.util.Random;

import static tansa.exposure.corpus.Page.e;

/** English and Japanese pages with every kind of planted positive and look-alike negative. */
final class Pages {
    private final Random r;
    private final Values v;
    private int serial;

    Pages(Random r) {
        this.r = r;
        this.v = new Values(r);
    }

    Values values() {
        return v;
    }

    /** English prose, banners and values; ASCII only (PDF standard fonts), when asciiOnly. */
    Page english(boolean secrets) {
        Page p = new Page();
        String email = v.email(serial++);
        p.line("Please contact " + email + " for details.", e("pii.email", email.toLowerCase()));
        String us = (2 + r.nextInt(8)) + v.digits(2) + "-" + (2 + r.nextInt(8)) + v.digits(2) + "-" + v.digits(4);
        p.line("Call the duty officer at " + us + " after hours.", e("pii.phone", us.replace("-", "")));
        String card = v.visa();
        p.line("Card on file: " + Values.group4(card) + " (exp 09/27)", e("pii.credit_card", card));
        String amex = v.card("37", 15);
        p.line("Corporate Amex " + amex.substring(0, 4) + "-" + amex.substring(4, 10) + "-" + amex.substring(10),
                e("pii.credit_card", amex));
        String ssn = v.ssn();
        p.line("Employee SSN: " + ssn, e("pii.us_ssn", ssn.replace("-", "")));
        String[] banners = {"TOP SECRET//NOFORN", "SECRET", "CONFIDENTIAL", "CUI", "UNCLASSIFIED//FOUO", "Classification: SECRET"};
        String[] labels = {"TOP SECRET", "SECRET", "CONFIDENTIAL", "CUI", "FOUO", "SECRET"};
        int b = r.nextInt(banners.length);
        p.line(banners[b], e("marking.classification", labels[b]));
        String[] exports = {"This technical data is controlled under ITAR and may not be exported.", "ECCN: EAR99",
                "DISTRIBUTION STATEMENT C. Distribution authorized to U.S. Government agencies and their contractors.",
                "Export Controlled - see the compliance office."};
        String[] exportLabels = {"ITAR", "EAR99", "Distribution Statement C", "Export Controlled"};
        int x = r.nextInt(exports.length);
        p.line(exports[x], e("marking.export_control", exportLabels[x]));
        if (secrets) {
            secrets(p);
        }
        String[] first = {"John", "Mary", "Robert", "Linda", "James"};
        String[] last = {"Smith", "Johnson", "Brown", "Garcia", "Miller"};
        String name = first[r.nextInt(first.length)] + " " + last[r.nextInt(last.length)];
        p.line("Name: " + name, e("pii.person_name", name));
        String street = (10 + r.nextInt(9000)) + " " + new String[] {"Maple", "Oak", "Pennsylvania", "Elm"}[r.nextInt(4)] + " "
                + new String[] {"Street", "Avenue", "Road", "Drive"}[r.nextInt(4)];
        p.line("Ship to " + street + ", Springfield", e("pii.address", street));
        englishNegatives(p);
        return p.build(r);
    }

    void secrets(Page p) {
        String aws = v.awsKey();
        p.line("aws_access_key_id = " + aws, e("secret.aws_access_key", aws));
        String gh = v.githubToken();
        p.line("export GITHUB_TOKEN=" + gh, e("secret.github_token", gh));
        String sl = v.slackToken();
        p.line("slack bot token: " + sl, e("secret.slack_token", sl));
        String jwt = v.jwt();
        p.line("Authorization: Bearer " + jwt, e("secret.jwt", jwt));
        String body = v.base64Line();
        p.block(List.of("-----BEGIN RSA PRIVATE KEY-----", body, v.base64Line(), "-----END RSA PRIVATE KEY-----"),
                e("secret.private_key", "-----BEGIN RSA PRIVATE KEY-----" + body));
        String pw = v.password();
        p.line("db.password = " + pw, e("secret.password", pw));
        String pw2 = v.password().replace("!", "_");
        p.line("jdbc:mysql://app:" + pw2 + "@db.example.com:3306/sales", e("secret.password", pw2));
        String pw3 = v.password();
        p.line("{\"user\": \"svc\", \"password\": \"" + pw3 + "\"}", e("secret.password", pw3));
    }

    void englishNegatives(Page p) {
        p.line("The secret to a good incident report is clarity; keep confidential matters to the team.");
        p.line("This is not a top secret plan, just a secret recipe.");
        p.line("Void card: " + Values.group4(v.luhnBroken(v.visa())));
        p.line("Invalid SSN placeholder 000-12-3456 and 666-45-6789.");
        p.line("The documentation key AKIAIOSFODNN7EXAMPLE is not real.");
        p.line("Forgot your password? Reset it at the portal. password: ********");
        p.line("password = os.environ['DB_PASSWORD']");
        p.line("-----BEGIN PUBLIC KEY-----");
        p.line("Retina icon icon@2x.png and user@localhost are not addresses.");
        p.line("Distribution Statement A: Approved for public release.");
        p.line("Ask the export control office; version 1.2.3.4 released 2024-01-15, ISBN 978-4-12-345678-9.");
        p.line("Token ghp_tooShort123 was revoked.");
    }

    Page japanese(boolean secrets) {
        return japanese(secrets, false);
    }

    /** legacy: only characters that Shift_JIS, EUC-JP and ISO-2022-JP can encode (no ㊙, no U+FF0D). */
    Page japanese(boolean secrets, boolean legacy) {
        Page p = new Page();
        String[][] marks = {{"【秘】", "秘"}, {"秘密区分：極秘", "極秘"}, {"機密性２Ａ", "機密性2A"}, {"機密性3", "機密性3"},
            {"社外秘", "社外秘"}, {"部外秘 資料", "部外秘"}, {"取扱注意", "取扱注意"}, {"【重要経済安保情報】", "重要経済安保情報"},
            {"㊙ 会議録", "秘"}, {"［極秘］", "極秘"}, {"機密性１", "機密性1"}};
        for (int k = 0; k < 2; k++) {
            String[] m = marks[r.nextInt(marks.length)];
            if (legacy && m[0].contains("\u3299")) {
                m = marks[0];
            }
            p.line(m[0], e("marking.classification", m[1]));
        }
        String email = v.email(serial++);
        p.line("連絡先メール：" + email, e("pii.email", email.toLowerCase()));
        String[] phone = v.jpPhone();
        while (legacy && phone[0].contains("\uFF0D")) {
            phone = v.jpPhone();
        }
        p.line("電話番号：" + phone[0], e("pii.phone", phone[1]));
        String my = v.myNumber();
        p.line("マイナンバー：" + (r.nextBoolean() ? my : Values.group4(my)), e("pii.jp_my_number", my));
        String corp = v.corporate();
        p.line("法人番号：" + corp, e("pii.jp_corporate_number", corp));
        String pass = v.passport();
        p.line("旅券番号：" + pass, e("pii.jp_passport", pass));
        String card = v.card("35", 16);
        p.line("カード番号 " + card.substring(0, 4) + "-" + card.substring(4, 8) + "-" + card.substring(8, 12) + "-" + card.substring(12),
                e("pii.credit_card", card));
        if (secrets) {
            String pw = v.password();
            p.line("パスワード：" + pw, e("secret.password", pw));
        }
        String[] family = {"山田", "佐藤", "鈴木", "高橋", "田中", "渡辺"};
        String[] given = {"太郎", "花子", "一郎", "美咲", "健太", "由美"};
        String f = family[r.nextInt(family.length)];
        String g = given[r.nextInt(given.length)];
        p.line("氏名：" + f + " " + g, e("pii.person_name", f + g));
        String[][] places = {{"東京都", "千代田区霞が関"}, {"大阪府", "大阪市北区梅田"}, {"神奈川県", "横浜市中区本町"}, {"北海道", "札幌市中央区北"}};
        String[] pl = places[r.nextInt(places.length)];
        String no = (1 + r.nextInt(9)) + "-" + (1 + r.nextInt(20)) + "-" + (1 + r.nextInt(30));
        p.line("住所：" + pl[0] + pl[1] + no, e("pii.address", pl[0] + pl[1] + no));
        p.line("お客様各位、皆様へのお知らせです。");
        japaneseNegatives(p);
        return p.build(r);
    }

    void japaneseNegatives(Page p) {
        p.line("秘書の佐藤さんに神秘的な話を聞いた。守秘義務契約を結んでいる。秘密は守ります。");
        p.line("計画は極秘に進められたが、機密性の高い情報は含まない。");
        p.line("取扱注意事項をよくお読みください。");
        p.line("重要経済安保情報保護活用法が施行された。");
        p.line("マイナンバー（誤り）：" + v.myNumberBroken());
        p.line("法人番号（誤り）：" + v.corporateBroken());
        p.line("カード番号（無効） " + Values.group4(v.luhnBroken(v.card("35", 16))));
    }

    /** Numbers that pass a check digit but have no context: must not be reported. */
    Page contextFree() {
        Page p = new Page();
        for (int k = 0; k < 10; k++) {
            p.line("Order " + v.myNumber() + " shipped; part no. " + v.passport() + ", lot " + v.digits(6));
        }
        return p.build(r);
    }
}
