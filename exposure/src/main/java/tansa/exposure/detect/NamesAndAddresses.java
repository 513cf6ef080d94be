package tansa.exposure.detect;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static tansa.exposure.detect.FindingType.PII_ADDRESS;
import static tansa.exposure.detect.FindingType.PII_PERSON_NAME;

/**
 * Best-effort names and postal addresses (issue 4 asks for best effort): Japanese addresses from
 * a prefecture or 〒, English street addresses, names after 氏名／Name: labels, before 様, and in
 * table columns headed 氏名 or Name.
 */
final class NamesAndAddresses {
    private static final String[] PREFECTURES = (
            "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 石川県 福井県 "
            + "山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 "
            + "香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県").split(" ");
    private static final Pattern STREET = Pattern.compile(
            "\\d{1,5} (?:[A-Z][a-z]+ ){1,3}(?:Street|St\\.|Avenue|Ave\\.|Road|Rd\\.|Boulevard|Blvd\\.|Lane|Ln\\.|Drive|Dr\\.|Court|Ct\\.|Way|Place)(?![A-Za-z])");
    private static final Pattern EN_NAME = Pattern.compile(
            "(?:Full )?Name ?: ?([A-Z][a-z]+(?: [A-Z]\\.)?(?: [A-Z][a-z'-]+){1,2})(?![A-Za-z])");
    private static final Set<String> NOT_NAMES = Set.of("皆", "客", "奥", "神", "王", "各", "皆さ", "どなた", "殿");

    private final TextScanner s;
    private final Matcher street = STREET.matcher("");
    private final Matcher enName = EN_NAME.matcher("");

    NamesAndAddresses(TextScanner s) {
        this.s = s;
    }


    int streetAt(int i) {
        int k = i;
        while (Chars.isAsciiDigit(s.at(k))) {
            k++;
        }
        // "12 Main Street": only a number followed by a capitalised word is worth the pattern.
        if (k - i > 5 || s.at(k) != ' ' || !Chars.isAsciiUpper(s.at(k + 1))) {
            return i + 1;
        }
        int e = s.look(street, i, 80);
        if (e < 0) {
            return i + 1;
        }
        s.emit(PII_ADDRESS, null, null, i, e, s.text(i, e), 0.7);
        return e;
    }

    /** At 都道府県 (end of a prefecture name) or 〒. */
    int japaneseAddressAt(int i) {
        if (s.buf[i] == '\u3012') {
            int k = i + 1;
            while (Chars.isSpace(s.at(k))) {
                k++;
            }
            int d = k;
            while (Chars.isDigit(s.at(d)) || Chars.numberChar(s.at(d)) == '-') {
                d++;
            }
            if (d - k < 7) {
                return i + 1;
            }
            int e = addressEnd(d);
            s.emit(PII_ADDRESS, null, null, i, e, normalize(i, e), 0.85);
            return e;
        }
        for (String p : PREFECTURES) {
            int start = i - p.length() + 1;
            if (start >= 0 && s.startsWith(start, p)) {
                int k = i + 1;
                int lim = Math.min(s.len, i + 16);
                while (k < lim && (Chars.isKanji(s.buf[k]) || Chars.isHiragana(s.buf[k]) || Chars.isKatakana(s.buf[k]))) {
                    char c = s.buf[k];
                    k++;
                    if (c == '\u5E02' || c == '\u533A' || c == '\u753A' || c == '\u6751' || c == '\u90E1') {
                        int e = addressEnd(k);
                        if (e > k && hasDigit(k, e)) {
                            s.emit(PII_ADDRESS, null, null, start, e, normalize(start, e), 0.85);
                            return e;
                        }
                        return i + 1;
                    }
                }
                return i + 1;
            }
        }
        return i + 1;
    }

    private boolean hasDigit(int from, int to) {
        for (int k = from; k < to; k++) {
            if (Chars.isDigit(s.buf[k])) {
                return true;
            }
        }
        return false;
    }

    /** The end of an address written on one line: stops at a line break, a tab, a comma or 60 characters. */
    private int addressEnd(int from) {
        int lim = Math.min(s.len, from + 60);
        int k = from;
        while (k < lim) {
            char c = s.buf[k];
            if (Chars.isLineBreak(c) || c == '\t' || c == ',' || c == '\u3001' || c == '"' || c == '\u3002') {
                break;
            }
            k++;
        }
        while (k > from && Chars.isSpace(s.buf[k - 1])) {
            k--;
        }
        return k;
    }

    private String normalize(int from, int to) {
        StringBuilder sb = new StringBuilder();
        String hw = Chars.toHalfWidth(s.text(from, to));
        for (int k = 0; k < hw.length(); k++) {
            char c = hw.charAt(k);
            if (!Character.isWhitespace(c)) {
                sb.append(Chars.numberChar(c) == '-' ? '-' : c);
            }
        }
        return sb.toString();
    }

    /** 氏名：山田 太郎, 名前: ..., 山田太郎様. */
    int japaneseNameAt(int i) {
        char c = s.buf[i];
        if (c == '\u69D8') { // 様
            return beforeSama(i);
        }
        int k;
        if (s.startsWith(i, "\u6C0F\u540D")) { // 氏名
            k = i + 2;
        } else if (s.startsWith(i, "\u540D\u524D")) { // 名前
            k = i + 2;
        } else {
            return i + 1;
        }
        int sep = k;
        while (Chars.isSpace(s.at(k)) || s.at(k) == ':' || s.at(k) == '\uFF1A') {
            k++;
        }
        // Only "氏名：" labels: a tab after 氏名 is a table header, handled as a column.
        if (k == sep || s.at(k - 1) != ':' && s.at(k - 1) != '\uFF1A' && !(s.at(k - 1) == ' ' && hasColon(sep, k))) {
            return k;
        }
        int e = nameEnd(k);
        if (e - k >= 2) {
            s.emit(PII_PERSON_NAME, null, null, k, e, normalizeName(k, e), 0.8);
            return e;
        }
        return k;
    }

    private boolean hasColon(int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.buf[k] == ':' || s.buf[k] == '\uFF1A') {
                return true;
            }
        }
        return false;
    }

    private int nameEnd(int from) {
        int k = from;
        int lim = Math.min(s.len, from + 12);
        boolean space = false;
        while (k < lim) {
            char c = s.buf[k];
            if (Chars.isKanji(c) || Chars.isKatakana(c) || Chars.isHiragana(c)) {
                k++;
            } else if ((c == ' ' || c == '\u3000') && !space && k > from && (Chars.isKanji(s.at(k + 1)) || Chars.isKatakana(s.at(k + 1)))) {
                space = true;
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    private int beforeSama(int i) {
        int k = i;
        int lim = Math.max(0, i - 8);
        boolean space = false;
        while (k > lim) {
            char c = s.buf[k - 1];
            if (Chars.isKanji(c)) {
                k--;
            } else if ((c == ' ' || c == '\u3000') && !space && k < i && Chars.isKanji(s.at(k - 2))) {
                space = true;
                k--;
            } else {
                break;
            }
        }
        if (i - k < 2 || Chars.isHiragana(s.at(k - 1)) || Chars.isKatakana(s.at(k - 1))) {
            return i + 1;
        }
        String name = s.text(k, i);
        for (String bad : NOT_NAMES) {
            if (name.endsWith(bad) || name.startsWith(bad)) {
                return i + 1;
            }
        }
        s.emit(PII_PERSON_NAME, null, null, k, i, normalizeName(k, i), 0.7);
        return i + 1;
    }

    private String normalizeName(int from, int to) {
        return s.text(from, to).replace(" ", "").replace("\u3000", "");
    }

    /** Name: John Smith / Full Name: ... */
    int englishNameAt(int i) {
        if (!s.startsWith(i, "Name") && !s.startsWith(i, "Full Name")) {
            return i;
        }
        int e = s.look(enName, i, 80);
        if (e < 0) {
            return i;
        }
        int vs = enName.start(1);
        s.emit(PII_PERSON_NAME, null, null, vs, e, s.text(vs, e), 0.8);
        return e;
    }

    /** A field of a column headed 氏名 / Name, in a table row. */
    int columnFieldAt(int fieldStart, ColumnContext columns) {
        if (!columns.has(ColumnContext.NAME, fieldStart)) {
            return fieldStart;
        }
        int k = fieldStart;
        if (s.at(k) == '"') {
            k++;
        }
        int from = k;
        int lim = Math.min(s.len, from + 40);
        boolean latin = Chars.isAsciiUpper(s.at(from));
        int words = 0;
        while (k < lim) {
            char c = s.buf[k];
            if (c == ',' || c == '\t' || c == '"' || Chars.isLineBreak(c)) {
                break;
            }
            if (latin ? !(Chars.isAsciiLetter(c) || c == ' ' || c == '.' || c == '\'' || c == '-')
                    : !(Chars.isKanji(c) || Chars.isKatakana(c) || Chars.isHiragana(c) || c == ' ' || c == '\u3000')) {
                return k;
            }
            if (c == ' ') {
                words++;
            }
            k++;
        }
        if (k - from < 2 || k == lim || (latin && words < 1)) {
            return k;
        }
        String v = s.text(from, k);
        for (String[] header : new String[][] {{"\u6C0F\u540D", "\u540D\u524D", "Name", "Full Name", "Customer Name"}}) {
            for (String h : header) {
                if (v.equals(h)) {
                    return k;
                }
            }
        }
        s.emit(PII_PERSON_NAME, null, null, from, k, normalizeName(from, k), 0.75);
        return k;
    }
}
