package tansa.exposure.detect;

import static tansa.exposure.detect.FindingType.MARKING_CLASSIFICATION;
import static tansa.exposure.detect.FindingType.MARKING_EXPORT_CONTROL;

/**
 * Classification and export-control markings. A word such as SECRET or 秘 counts only where it is
 * used as a marking: a banner line of its own, a {@code //} caveat, after 秘密区分：, or in
 * brackets such as 【秘】; never in prose ("the secret to ...", 秘書, 神秘, 守秘義務).
 */
final class Markings {
    private final TextScanner s;

    Markings(TextScanner s) {
        this.s = s;
    }

    // ---- English ----

    int englishAt(int i) {
        if (Chars.isWordChar(s.at(i - 1))) {
            return i + 1;
        }
        char c = s.buf[i];
        switch (c) {
            case 'T':
                return banner(i, "TOP SECRET", "Top Secret", "TOP SECRET");
            case 'S':
                if (Chars.isWordChar(s.at(i - 1))) {
                    return i + 1;
                }
                return banner(i, "SECRET", "Secret", "SECRET");
            case 'C':
                if (s.startsWith(i, "CUI")) {
                    return strictUpper(i, "CUI", "CUI");
                }
                if (s.startsWith(i, "CONTROLLED UNCLASSIFIED INFORMATION")) {
                    return emitWord(i, "CONTROLLED UNCLASSIFIED INFORMATION".length(), MARKING_CLASSIFICATION, "CUI", 0.95);
                }
                if (s.startsWith(i, "Controlled Unclassified Information")) {
                    return banner(i, "Controlled Unclassified Information", "Controlled Unclassified Information", "CUI");
                }
                return banner(i, "CONFIDENTIAL", "Confidential", "CONFIDENTIAL");
            case 'F':
                if (s.startsWith(i, "FOUO") && !Chars.isWordChar(s.at(i + 4))) {
                    return emitWord(i, 4, MARKING_CLASSIFICATION, "FOUO", 0.95);
                }
                if (s.startsWith(i, "FOR OFFICIAL USE ONLY") && !Chars.isWordChar(s.at(i + 21))) {
                    return emitWord(i, 21, MARKING_CLASSIFICATION, "FOUO", 0.95);
                }
                if (s.startsWith(i, "For Official Use Only")) {
                    return banner(i, "For Official Use Only", "For Official Use Only", "FOUO");
                }
                return i + 1;
            case 'I':
                if (s.startsWith(i, "ITAR") && !Chars.isWordChar(s.at(i + 4))) {
                    return emitWord(i, 4, MARKING_EXPORT_CONTROL, "ITAR", 0.95);
                }
                return i + 1;
            case 'E':
                if (s.startsWith(i, "EAR99") && !Chars.isWordChar(s.at(i + 5))) {
                    return emitWord(i, 5, MARKING_EXPORT_CONTROL, "EAR99", 0.98);
                }
                if (s.at(i + 1) == 'X' || s.at(i + 1) == 'x') {
                    return exportControlledAt(i + 1);
                }
                return i + 1;
            case 'D':
                return distributionStatement(i);
            default:
                return i + 1;
        }
    }

    /** At the x of "export controlled", in any case. */
    int exportControlledAt(int x) {
        int i = x - 1;
        if (!s.startsWithIgnoreCase(i, "export controlled") || Chars.isWordChar(s.at(i - 1)) || Chars.isWordChar(s.at(i + 17))) {
            return x + 1;
        }
        s.emit(MARKING_EXPORT_CONTROL, "Export Controlled", null, i, i + 17, "Export Controlled", 0.9);
        return i + 17;
    }

    /** "Distribution Statement B" to "F" (A means approved for public release: not reported). */
    private int distributionStatement(int i) {
        if (!s.startsWithIgnoreCase(i, "distribution statement")) {
            return i + 1;
        }
        int k = i + 22;
        while (s.at(k) == ' ' || s.at(k) == ':') {
            k++;
        }
        char l = Character.toUpperCase(s.at(k));
        if (l >= 'B' && l <= 'F' && !Chars.isWordChar(s.at(k + 1))) {
            s.emit(MARKING_EXPORT_CONTROL, "Distribution Statement " + l, null, i, k + 1, "distribution statement " + l, 0.95);
            return k + 1;
        }
        return i + 1;
    }

    private int emitWord(int i, int n, FindingType type, String label, double confidence) {
        if (Chars.isWordChar(s.at(i - 1)) || Chars.isWordChar(s.at(i + n))) {
            return i + 1;
        }
        s.emit(type, label, null, i, i + n, label, confidence);
        return i + n;
    }

    /** An upper-case acronym that is a marking only in a banner or a {@code //} caveat. */
    private int strictUpper(int i, String word, String label) {
        int end = i + word.length();
        if (Chars.isWordChar(s.at(end))) {
            return i + 1;
        }
        if (caveat(i, end) || bannerLine(i, end)) {
            s.emit(MARKING_CLASSIFICATION, label, null, i, end, label, 0.95);
            return end;
        }
        return i + 1;
    }

    /**
     * A level word (SECRET, CONFIDENTIAL): upper case in a banner, a caveat, after
     * "Classification:" or at the head of a line followed by " - "; title case only alone on a line.
     */
    private int banner(int i, String upper, String title, String label) {
        boolean isUpper = s.startsWith(i, upper);
        if (!isUpper && !s.startsWith(i, title)) {
            return i + 1;
        }
        int end = i + upper.length();
        if (Chars.isWordChar(s.at(end))) {
            return i + 1;
        }
        boolean marking;
        if (isUpper) {
            marking = caveat(i, end) || bannerLine(i, end) || afterClassificationLabel(i) || headedLine(i, end);
        } else {
            marking = bannerLine(i, end) || afterClassificationLabel(i);
        }
        if (!marking) {
            return i + 1;
        }
        s.emit(MARKING_CLASSIFICATION, label, null, i, end, label, isUpper ? 0.97 : 0.9);
        return end;
    }

    /** SECRET//NOFORN, UNCLASSIFIED//FOUO, TOP SECRET//SCI. */
    private boolean caveat(int start, int end) {
        int k = end;
        while (s.at(k) == ' ') {
            k++;
        }
        if (s.at(k) == '/' && s.at(k + 1) == '/') {
            return true;
        }
        k = start - 1;
        while (s.at(k) == ' ') {
            k--;
        }
        return s.at(k) == '/' && s.at(k - 1) == '/';
    }

    private boolean afterClassificationLabel(int start) {
        int ls = s.lineStart(start);
        int k = start - 1;
        while (k >= ls && (s.buf[k] == ' ' || s.buf[k] == ':' || s.buf[k] == '\t')) {
            k--;
        }
        int n = "classification".length();
        if (k + 1 - n >= ls && s.startsWithIgnoreCase(k + 1 - n, "classification")) {
            return true;
        }
        n = "classified".length();
        return k + 1 - n >= ls && s.startsWithIgnoreCase(k + 1 - n, "classified") && s.at(k + 1) == ':';
    }

    /** "CONFIDENTIAL - do not distribute" at the head of a line. */
    private boolean headedLine(int start, int end) {
        if (!bannerBetween(s.lineStart(start), start)) {
            return false;
        }
        int k = end;
        while (s.at(k) == ' ') {
            k++;
        }
        char c = s.at(k);
        return (c == '-' || c == '\u2013' || c == '\u2014' || c == ':') && (s.at(k + 1) == ' ');
    }

    /** Nothing else on the line but decoration (***, ---, [ ], ( ), |) and optional "STRICTLY"/"COMPANY". */
    private boolean bannerLine(int start, int end) {
        int ls = s.lineStart(start);
        int le = s.lineEnd(end);
        int head = start;
        for (String prefix : new String[] {"STRICTLY ", "COMPANY ", "HIGHLY ", "Strictly ", "Company ", "Highly "}) {
            int p = start - prefix.length();
            if (p >= ls && s.startsWith(p, prefix)) {
                head = p;
                break;
            }
        }
        return bannerBetween(ls, head) && bannerBetween(end, le);
    }

    /**
     * What else a banner line of a document's header or footer holds beside a marking: other
     * markings ({@code 社外秘 CONFIDENTIAL}, {@code CONFIDENTIAL // 秘}, {@code 極秘 / TOP SECRET}),
     * handling words, page numbers and dates. Latin words must end at a word boundary; a kanji
     * word followed by more kanji ({@code 秘書}) is not one of them.
     */
    private static final String[] BANNER_WORDS = {
        "TOP SECRET", "SECRET", "CONFIDENTIAL", "Confidential", "UNCLASSIFIED", "RESTRICTED", "Restricted", "NOFORN", "ORCON",
        "CUI", "FOUO", "PROPRIETARY", "Proprietary", "INTERNAL", "Internal", "USE", "Use", "use", "ONLY", "Only", "only",
        "STRICTLY", "Strictly", "COMPANY", "Company", "HIGHLY", "Highly", "DO NOT DISTRIBUTE", "Do Not Distribute",
        "Do not distribute", "NOT FOR DISTRIBUTION", "Not for distribution", "DRAFT", "Draft", "PAGE", "Page", "page", "of", "OF",
        "p.", "REL TO", "USA", "\u00A9", "(c)",
        "\u95A2\u4FC2\u8005\u5916\u79D8", "\u793E\u5916\u79D8", "\u90E8\u5916\u79D8", "\u6975\u79D8", "\u53B3\u79D8", "\u79D8",
        "\u53D6\u6271\u3044\u6CE8\u610F", "\u53D6\u6271\u6CE8\u610F", "\u6A5F\u5BC6\u6027", "\u6A5F\u5BC6",
        "\u793E\u5185\u9650\u308A", "\u793E\u5185\u9650\u5B9A", "\u8907\u88FD\u7981\u6B62", "\u6301\u51FA\u7981\u6B62",
        "\u7121\u65AD\u8EE2\u8F09\u7981\u6B62", "\u30DA\u30FC\u30B8", "\u9801", "\u5E74", "\u6708", "\u65E5",
    };

    /**
     * Whether [from, to) holds only decoration, separators ({@code / // | ・ , :}), numbers (a
     * page, a date) and {@link #BANNER_WORDS}: the rest of a banner line.
     */
    private boolean bannerBetween(int from, int to) {
        int k = from;
        next:
        while (k < to) {
            char c = s.buf[k];
            if (isDecoration(c) || isBannerSeparator(c) || Chars.isDigit(c)) {
                k++;
                continue;
            }
            for (String w : BANNER_WORDS) {
                int e = k + w.length();
                if (e <= to && s.startsWith(k, w) && !(Chars.isWordChar(w.charAt(w.length() - 1)) && Chars.isWordChar(s.at(e)))
                        && !(Chars.isKanji(w.charAt(w.length() - 1)) && Chars.isKanji(s.at(e)) && !isDateKanji(s.at(e)))) {
                    k = e;
                    continue next;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean isDateKanji(char c) {
        return c == '\u5E74' || c == '\u6708' || c == '\u65E5';
    }

    private static boolean isBannerSeparator(char c) {
        switch (c) {
            case '/': case '\uFF0F': case '\u30FB': case '\uFF65': case '|': case '\uFF5C': case ',': case '\u3001': case ':':
            case '\uFF1A': case '.': case '\u3002': case '\u2022': case '\u00B7': case '+':
                return true;
            default:
                return false;
        }
    }

    static boolean isDecoration(char c) {
        switch (c) {
            case ' ': case '\t': case '\u3000': case '\u00A0': case '*': case '-': case '=': case '#':
            case '[': case ']': case '(': case ')': case '|': case '_': case '<': case '>': case '~':
            case '"': case '\u2013': case '\u2014':
            case '\u3010': case '\u3011': case '\uFF3B': case '\uFF3D': case '\uFF08': case '\uFF09':
            case '\u3008': case '\u3009': case '\uFF1C': case '\uFF1E': case '\u300A': case '\u300B':
            case '\u3014': case '\u3015': case '\u300C': case '\u300D': case '\u300E': case '\u300F':
            case '\u25A0': case '\u25CF': case '\u2605': case '\u2606': case '\u25C6':
                return true;
            default:
                return false;
        }
    }

    // ---- Japanese ----

    int japaneseAt(int i) {
        char c = s.buf[i];
        switch (c) {
            case '\u79D8': // 秘, and 極秘, 部外秘, 社外秘 ending at it (秘 is rarer than their first characters)
                switch (s.at(i - 1)) {
                    case '\u6975':
                        return gokuhi(i - 1);
                    case '\u5916':
                        switch (s.at(i - 2)) {
                            case '\u90E8':
                                return fixed(i - 2, "\u90E8\u5916\u79D8", 0.97);
                            case '\u793E':
                                return fixed(i - 2, "\u793E\u5916\u79D8", 0.97);
                            default:
                                return i + 1;
                        }
                    default:
                        return hi(i);
                }
            case '\u3299': // ㊙
                s.emit(MARKING_CLASSIFICATION, "\u79D8", null, i, i + 1, "\u79D8", 0.97);
                return i + 1;
            case '\u6271': // 取扱注意 / 取扱い注意, at the 扱 (rarer than 取)
                return s.at(i - 1) == '\u53D6' ? toriatsukaiChui(i - 1) : i + 1;
            case '\u6A5F': // 機密性N
                return kimitsusei(i);
            case '\u91CD': // 重要経済安保情報
                return keizaiAnpo(i);
            default:
                return i + 1;
        }
    }

    private int fixed(int i, String word, double confidence) {
        if (!s.startsWith(i, word)) {
            return i + 1;
        }
        int end = i + word.length();
        // 社外秘密 and the like are not words, but 部外秘扱い is: only a following 密 is refused.
        if (s.at(end) == '\u5BC6') {
            return i + 1;
        }
        s.emit(MARKING_CLASSIFICATION, word, null, i, end, word, confidence);
        return end;
    }

    /** 極秘 as a marking: bracketed, on its own, after 区分：, or 極秘扱い／極秘文書／極秘指定. */
    private int gokuhi(int i) {
        int end = i + 2;
        if (japaneseMarkingContext(i, end) || followedBy(end, "\u6271\u3044", "\u6587\u66F8", "\u6307\u5B9A", "\u8CC7\u6599")) {
            s.emit(MARKING_CLASSIFICATION, "\u6975\u79D8", null, i, end, "\u6975\u79D8", 0.97);
            return end;
        }
        return end;
    }

    /** 秘 alone as a marking: 【秘】, 秘密区分：秘, a line of its own; never inside a word. */
    private int hi(int i) {
        char prev = s.at(i - 1);
        if (prev == '\u6975' || prev == '\u5916') {
            return i + 1;
        }
        int end = i + 1;
        if (japaneseMarkingContext(i, end)) {
            s.emit(MARKING_CLASSIFICATION, "\u79D8", null, i, end, "\u79D8", 0.97);
        }
        return end;
    }

    private boolean japaneseMarkingContext(int start, int end) {
        return bracketed(start, end) || afterKubun(start) || ownLine(start, end);
    }

    private boolean bracketed(int start, int end) {
        int a = start - 1;
        while (Chars.isSpace(s.at(a))) {
            a--;
        }
        int b = end;
        while (Chars.isSpace(s.at(b))) {
            b++;
        }
        return isOpen(s.at(a)) && isClose(s.at(b));
    }

    private static boolean isOpen(char c) {
        return "\u3010\uFF3B[\uFF08(\u3008\uFF1C<\u300A\u3014\u300C\u300E{\uFF5B".indexOf(c) >= 0 && c != 0;
    }

    private static boolean isClose(char c) {
        return "\u3011\uFF3D]\uFF09)\u3009\uFF1E>\u300B\u3015\u300D\u300F}\uFF5D".indexOf(c) >= 0 && c != 0;
    }

    /** 秘密区分：秘, 区分: 極秘, 取扱区分 秘. */
    private boolean afterKubun(int start) {
        int k = start - 1;
        int ls = s.lineStart(start);
        while (k >= ls && (Chars.isSpace(s.buf[k]) || s.buf[k] == ':' || s.buf[k] == '\uFF1A')) {
            k--;
        }
        return k >= ls + 1 && s.buf[k] == '\u5206' && s.buf[k - 1] == '\u533A'; // 区分
    }

    /**
     * On a line of its own (beside other markings, page numbers and dates: a header or footer),
     * or at the head of a line followed by a space (a header).
     */
    private boolean ownLine(int start, int end) {
        int ls = s.lineStart(start);
        if (!bannerBetween(ls, start)) {
            return false;
        }
        int le = s.lineEnd(end);
        return bannerBetween(end, le) || Chars.isSpace(s.at(end));
    }

    private boolean followedBy(int end, String... words) {
        for (String w : words) {
            if (s.startsWith(end, w)) {
                return true;
            }
        }
        return false;
    }

    /** 取扱注意 but not 取扱注意事項 / 取扱注意点 (product handling notes). */
    private int toriatsukaiChui(int i) {
        int end;
        if (s.startsWith(i, "\u53D6\u6271\u6CE8\u610F")) {
            end = i + 4;
        } else if (s.startsWith(i, "\u53D6\u6271\u3044\u6CE8\u610F")) {
            end = i + 5;
        } else {
            return i + 1;
        }
        if (followedBy(end, "\u4E8B\u9805", "\u70B9", "\u66F8", "\u3057\u3066", "\u304F\u3060\u3055\u3044")) {
            return end;
        }
        s.emit(MARKING_CLASSIFICATION, "\u53D6\u6271\u6CE8\u610F", null, i, end, "\u53D6\u6271\u6CE8\u610F", 0.95);
        return end;
    }

    /** 機密性1..3 with full- or half-width digits and an optional A-C suffix (機密性２Ａ). */
    private int kimitsusei(int i) {
        if (!s.startsWith(i, "\u6A5F\u5BC6\u6027")) {
            return i + 1;
        }
        int k = i + 3;
        while (Chars.isSpace(s.at(k))) {
            k++;
        }
        int d = Chars.digit(s.at(k));
        if (d < 1 || d > 3) {
            return i + 3;
        }
        k++;
        String label = "\u6A5F\u5BC6\u6027" + d;
        char l = Chars.toHalfWidth(String.valueOf(s.at(k))).charAt(0);
        if (l >= 'a' && l <= 'c') {
            l = (char) (l - 32);
        }
        if (l >= 'A' && l <= 'C') {
            label += l;
            k++;
        }
        if (Chars.isDigit(s.at(k)) || Chars.isAsciiLetter(s.at(k))) {
            return k;
        }
        s.emit(MARKING_CLASSIFICATION, label, null, i, k, label, 0.98);
        return k;
    }

    /** 重要経済安保情報 as a marking, not the law or the system named after it. */
    private int keizaiAnpo(int i) {
        String w = "\u91CD\u8981\u7D4C\u6E08\u5B89\u4FDD\u60C5\u5831";
        if (!s.startsWith(i, w)) {
            return i + 1;
        }
        int end = i + w.length();
        // 保護, 保護活用法, の保護, 制度, 法, の指定 — prose about the 2024 law, not a marking.
        if (followedBy(end, "\u4FDD\u8B77", "\u306E\u4FDD\u8B77", "\u5236\u5EA6", "\u6CD5", "\u306E\u6307\u5B9A")) {
            return end;
        }
        s.emit(MARKING_CLASSIFICATION, w, null, i, end, w, 0.95);
        return end;
    }
}
