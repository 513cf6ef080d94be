package tansa.sigma.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for detection conditions. Precedence, least to most binding:
 * {@code or}, {@code and}, {@code not}, {@code x of}, parentheses (rules specification 2.1).
 * The deprecated pipe aggregations ({@code | count() > 5}) are rejected: the specification
 * replaced them with correlation rules.
 */
public final class ConditionParser {
    private final String text;
    private final String path;
    private final List<String> tokens;
    private int pos;

    private ConditionParser(String text, String path) {
        this.text = text;
        this.path = path;
        this.tokens = tokenize(text, path);
    }

    public static Condition parse(String text, String path) {
        ConditionParser p = new ConditionParser(text, path);
        if (p.tokens.isEmpty()) {
            throw new InvalidRuleException(path, "empty condition");
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return c;
    }

    private static List<String> tokenize(String s, String path) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw new InvalidRuleException(path,
                        "aggregation expressions ('| count() ...') were removed from Sigma; use a correlation rule");
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '(' && s.charAt(i) != ')'
                        && s.charAt(i) != '|') {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private InvalidRuleException error(String what) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new InvalidRuleException(path, "condition '" + shown + "': " + what);
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekWord(String w) {
        String t = peek();
        return t != null && t.toLowerCase(Locale.ROOT).equals(w);
    }

    private Condition or() {
        Condition left = and();
        while (peekWord("or")) {
            pos++;
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peekWord("and")) {
            pos++;
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (peekWord("not")) {
            pos++;
            return new Condition.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        String t = peek();
        if (t == null) {
            throw error("ends too early");
        }
        if (t.equals("(")) {
            pos++;
            Condition c = or();
            if (!")".equals(peek())) {
                throw error("missing ')'");
            }
            pos++;
            return c;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if ((lower.equals("1") || lower.equals("all") || lower.equals("any")) && pos + 1 < tokens.size()
                && tokens.get(pos + 1).toLowerCase(Locale.ROOT).equals("of")) {
            pos += 2;
            String target = peek();
            if (target == null || target.equals("(") || target.equals(")")) {
                throw error("'" + t + " of' needs a pattern or 'them'");
            }
            pos++;
            boolean all = lower.equals("all");
            return new Condition.Of(all, target.toLowerCase(Locale.ROOT).equals("them") ? null : target);
        }
        if (t.equals(")") || lower.equals("and") || lower.equals("or") || lower.equals("of")) {
            throw error("unexpected '" + t + "'");
        }
        if (!lower.equals("1") && Character.isDigit(t.charAt(0)) && pos + 1 < tokens.size()
                && tokens.get(pos + 1).equalsIgnoreCase("of")) {
            throw error("only '1 of' and 'all of' are defined, not '" + t + " of'");
        }
        pos++;
        return new Condition.Ref(t);
    }
}
