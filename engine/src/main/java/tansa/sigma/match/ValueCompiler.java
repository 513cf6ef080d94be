package tansa.sigma.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import tansa.sigma.rule.FieldTest;
import tansa.sigma.rule.InvalidRuleException;
import tansa.sigma.rule.Modifier;
import tansa.sigma.rule.SigmaValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Compiles one {@link FieldTest} into a {@link Node}: applies the transformation modifiers
 * (expand, utf16*, base64, base64offset, contains/startswith/endswith) in rule order, then
 * builds the typed matchers (text, regex, CIDR, numeric, time part, field reference).
 * Combinations the modifiers appendix does not define are rejected with the test's YAML path.
 */
final class ValueCompiler {
    /** Regexes longer than this are refused: the compile work limit of a rule set. */
    static final int MAX_REGEX_LENGTH = 10_000;

    private final Map<String, List<String>> placeholders;
    private final List<String> unresolved;

    ValueCompiler(Map<String, List<String>> placeholders, List<String> unresolved) {
        this.placeholders = placeholders;
        this.unresolved = unresolved;
    }

    Node compile(FieldTest t, String field) {
        List<Modifier> mods = t.modifiers();
        String path = t.path();
        checkCombination(t);
        List<SigmaValue> values = t.values();
        if (t.has(Modifier.EXISTS)) {
            if (field == null) {
                throw new InvalidRuleException(path, "'exists' needs a field");
            }
            if (values.size() != 1 || !(values.get(0) instanceof SigmaValue.Bool)) {
                throw new InvalidRuleException(path, "'exists' takes a single true or false");
            }
            return PresenceNode.exists(field, ((SigmaValue.Bool) values.get(0)).value());
        }
        boolean hasNull = false;
        for (SigmaValue v : values) {
            hasNull |= v instanceof SigmaValue.Null;
        }
        if (hasNull) {
            if (values.size() > 1) {
                throw new InvalidRuleException(path, "null cannot be part of a value list (rules specification, Special Field Values)");
            }
            if (!mods.isEmpty() && !(mods.size() == 1 && mods.get(0) == Modifier.NEQ)) {
                throw new InvalidRuleException(path, "null takes no value modifiers");
            }
            if (field == null) {
                throw new InvalidRuleException(path, "a keyword cannot be null");
            }
            Node isNull = PresenceNode.isNull(field);
            return mods.isEmpty() ? isNull : Nodes.not(isNull);
        }
        boolean all = t.has(Modifier.ALL);
        boolean neq = t.has(Modifier.NEQ);
        List<ValueMatcher> out = new ArrayList<>();
        for (SigmaValue v : values) {
            compileValue(t, v, out);
        }
        if (out.isEmpty()) {
            // Every value was an unresolved placeholder: the rule is kept but marked inactive.
            return Nodes.FALSE;
        }
        if (field == null) {
            return new KeywordNode(out.toArray(new ValueMatcher[0]), all);
        }
        boolean allOf = all && !neq;
        ValueMatcher[] arr = (allOf ? out : ContainsSet.merge(Cidr.merge(out))).toArray(new ValueMatcher[0]);
        return new FieldNode(field, arr, allOf, neq);
    }

    private static void checkCombination(FieldTest t) {
        String path = t.path();
        int positional = 0;
        int numeric = 0;
        int timeParts = 0;
        int encodings = 0;
        for (Modifier m : t.modifiers()) {
            if (m == Modifier.CONTAINS || m == Modifier.STARTSWITH || m == Modifier.ENDSWITH) {
                positional++;
            }
            if (m.numericCompare()) {
                numeric++;
            }
            if (m.timePart()) {
                timeParts++;
            }
            if (m == Modifier.BASE64 || m == Modifier.BASE64OFFSET) {
                encodings++;
            }
            if (m.regexFlag() && !t.has(Modifier.RE)) {
                throw new InvalidRuleException(path, "'" + m.yamlName() + "' is a flag of 're' and needs it");
            }
        }
        if (positional > 1) {
            throw new InvalidRuleException(path, "only one of contains, startswith, endswith may be used");
        }
        if (numeric > 1 || timeParts > 1 || encodings > 1) {
            throw new InvalidRuleException(path, "conflicting modifiers");
        }
        boolean re = t.has(Modifier.RE);
        boolean cidr = t.has(Modifier.CIDR);
        if (re && (positional > 0 || cidr || numeric > 0 || encodings > 0 || t.has(Modifier.WINDASH))) {
            throw new InvalidRuleException(path, "'re' cannot be combined with string transformations or comparisons");
        }
        if (cidr && (positional > 0 || numeric > 0 || encodings > 0)) {
            throw new InvalidRuleException(path, "'cidr' cannot be combined with string transformations");
        }
        if (t.has(Modifier.EXISTS) && t.modifiers().size() > 1) {
            throw new InvalidRuleException(path, "'exists' stands alone");
        }
        if (numeric > 0 && (positional > 0 || encodings > 0) && timeParts == 0) {
            throw new InvalidRuleException(path, "numeric comparison cannot be combined with string modifiers");
        }
        if (t.has(Modifier.FIELDREF) && (re || cidr || numeric > 0 || encodings > 0)) {
            throw new InvalidRuleException(path, "'fieldref' combines only with contains/startswith/endswith, cased, neq and all");
        }
        if (t.field() == null && (t.has(Modifier.FIELDREF) || timeParts > 0 || numeric > 0 || t.has(Modifier.NEQ))) {
            throw new InvalidRuleException(path, "this modifier needs a field, not a keyword");
        }
    }

    private void compileValue(FieldTest t, SigmaValue v, List<ValueMatcher> out) {
        String path = t.path();
        boolean cased = t.has(Modifier.CASED);
        if (t.has(Modifier.FIELDREF)) {
            out.add(new FieldRef(v.text(), positional(t), cased));
            return;
        }
        Modifier timePart = null;
        Modifier cmp = null;
        for (Modifier m : t.modifiers()) {
            if (m.timePart()) {
                timePart = m;
            }
            if (m.numericCompare()) {
                cmp = m;
            }
        }
        if (timePart != null || cmp != null) {
            if (!(v instanceof SigmaValue.Num)) {
                throw new InvalidRuleException(path, "'" + (cmp != null ? cmp : timePart).yamlName() + "' needs a number, not '"
                        + clip(v.text()) + "'");
            }
            double d = ((SigmaValue.Num) v).value();
            NumberCompare nc = cmp == null ? null : new NumberCompare(cmp, d);
            out.add(timePart != null ? new TimePart(timePart, nc, d) : nc);
            return;
        }
        if (t.has(Modifier.RE)) {
            out.add(regex(t, v.text()));
            return;
        }
        if (t.has(Modifier.CIDR)) {
            Cidr c = Cidr.parse(v.text().trim());
            if (c == null) {
                throw new InvalidRuleException(path, "'" + clip(v.text()) + "' is not a CIDR network");
            }
            out.add(c);
            return;
        }
        if (v instanceof SigmaValue.Num && t.modifiers().stream().allMatch(m -> m == Modifier.ALL || m == Modifier.NEQ)) {
            SigmaValue.Num n = (SigmaValue.Num) v;
            out.add(new NumberEquals(n.value(), n.raw()));
            return;
        }
        List<String> raws = new ArrayList<>();
        if (t.has(Modifier.EXPAND)) {
            expand(v.text(), raws, path);
        } else {
            raws.add(v instanceof SigmaValue.Str ? v.text() : escapeWildcards(v.text()));
        }
        for (String raw : raws) {
            for (GlobText g : transform(t, GlobText.parse(raw))) {
                out.add(TextMatch.of(g, cased, t.has(Modifier.WINDASH)));
            }
        }
    }

    private static TextMatch.Mode positional(FieldTest t) {
        if (t.has(Modifier.CONTAINS)) {
            return TextMatch.Mode.CONTAINS;
        }
        if (t.has(Modifier.STARTSWITH)) {
            return TextMatch.Mode.PREFIX;
        }
        if (t.has(Modifier.ENDSWITH)) {
            return TextMatch.Mode.SUFFIX;
        }
        return TextMatch.Mode.EXACT;
    }

    private RegexText regex(FieldTest t, String re) {
        if (re.length() > MAX_REGEX_LENGTH) {
            throw new InvalidRuleException(t.path(), "regular expression longer than " + MAX_REGEX_LENGTH + " characters");
        }
        int flags = 0;
        if (t.has(Modifier.I)) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (t.has(Modifier.M)) {
            flags |= Pattern.MULTILINE;
        }
        if (t.has(Modifier.S)) {
            flags |= Pattern.DOTALL;
        }
        try {
            return new RegexText(Pattern.compile(re, flags));
        } catch (PatternSyntaxException e) {
            throw new InvalidRuleException(t.path(), "regular expression outside the Sigma flavor (modifiers appendix) or invalid: "
                    + clip(e.getMessage()), e);
        }
    }

    /** {@code %name%} placeholders; a backslash keeps a percent sign plain (rules specification, Placeholders). */
    private void expand(String raw, List<String> out, String path) {
        List<String> acc = new ArrayList<>();
        acc.add("");
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
                appendAll(acc, "%");
                i += 2;
            } else if (c == '%') {
                int end = raw.indexOf('%', i + 1);
                if (end < 0) {
                    appendAll(acc, raw.substring(i));
                    break;
                }
                String name = raw.substring(i + 1, end);
                List<String> vals = placeholders.get(name);
                if (vals == null || vals.isEmpty()) {
                    if (!unresolved.contains(name)) {
                        unresolved.add(name);
                    }
                    return;
                }
                List<String> next = new ArrayList<>();
                for (String a : acc) {
                    for (String v : vals) {
                        next.add(a + v);
                    }
                }
                acc = next;
                i = end + 1;
            } else {
                appendAll(acc, String.valueOf(c));
                i++;
            }
        }
        out.addAll(acc);
    }

    private static void appendAll(List<String> acc, String s) {
        for (int k = 0; k < acc.size(); k++) {
            acc.set(k, acc.get(k) + s);
        }
    }

    private static String escapeWildcards(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    /** The transformation modifiers in rule order, then the positional wildcards. */
    private static List<GlobText> transform(FieldTest t, GlobText start) {
        List<GlobText> cur = new ArrayList<>();
        cur.add(start);
        boolean bytes = false;
        for (Modifier m : t.modifiers()) {
            switch (m) {
                case UTF16LE:
                case WIDE:
                case UTF16BE:
                case UTF16: {
                    List<GlobText> next = new ArrayList<>();
                    for (GlobText g : cur) {
                        next.add(utf16(g, m));
                    }
                    cur = next;
                    bytes = true;
                    break;
                }
                case BASE64:
                case BASE64OFFSET: {
                    List<GlobText> next = new ArrayList<>();
                    for (GlobText g : cur) {
                        if (g.hasWildcards()) {
                            throw new InvalidRuleException(t.path(), "a value with wildcards cannot be base64-encoded");
                        }
                        byte[] b = bytes ? g.text().getBytes(StandardCharsets.ISO_8859_1) : g.text().getBytes(StandardCharsets.UTF_8);
                        if (m == Modifier.BASE64) {
                            next.add(GlobText.literal(Base64.getEncoder().encodeToString(b)));
                        } else {
                            for (String s : base64Offsets(b)) {
                                next.add(GlobText.literal(s));
                            }
                        }
                    }
                    cur = next;
                    bytes = false;
                    break;
                }
                default:
                    break;
            }
        }
        boolean lead = t.has(Modifier.CONTAINS) || t.has(Modifier.ENDSWITH);
        boolean trail = t.has(Modifier.CONTAINS) || t.has(Modifier.STARTSWITH);
        if (t.field() == null && !t.has(Modifier.STARTSWITH) && !t.has(Modifier.ENDSWITH)) {
            lead = true;
            trail = true;
        }
        if (lead || trail) {
            List<GlobText> next = new ArrayList<>();
            for (GlobText g : cur) {
                next.add(g.wrap(lead, trail));
            }
            cur = next;
        }
        return cur;
    }

    private static GlobText utf16(GlobText g, Modifier m) {
        boolean be = m == Modifier.UTF16BE;
        boolean bom = m == Modifier.UTF16;
        int extra = bom ? 2 : 0;
        char[] c = new char[extra + 2 * g.chars.length];
        byte[] k = new byte[c.length];
        if (bom) {
            c[0] = (char) 0xFF;
            c[1] = (char) 0xFE;
        }
        int o = extra;
        for (int i = 0; i < g.chars.length; i++) {
            if (g.kinds[i] != GlobText.LITERAL) {
                // A wildcard stays one wildcard: it stands for any number of encoded characters.
                c[o] = g.chars[i];
                k[o++] = g.kinds[i] == GlobText.ANY_CHAR ? GlobText.ANY_SEQ : g.kinds[i];
                continue;
            }
            char ch = g.chars[i];
            char lo = (char) (ch & 0xFF);
            char hi = (char) (ch >>> 8);
            c[o++] = be ? hi : lo;
            c[o++] = be ? lo : hi;
        }
        return new GlobText(java.util.Arrays.copyOf(c, o), java.util.Arrays.copyOf(k, o));
    }

    /**
     * The three encodings of a value at byte offsets 0, 1 and 2 inside a longer base64 text,
     * keeping only the characters that do not depend on the neighbouring bytes (as pySigma).
     */
    static List<String> base64Offsets(byte[] value) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[i + value.length];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(value, 0, shifted, i, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int trim = endTrim[(value.length + i) % 3];
            int end = enc.length() - trim;
            if (end > start[i]) {
                out.add(enc.substring(start[i], end));
            }
        }
        return out;
    }

    static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
