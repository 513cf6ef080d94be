package tansa.ioc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parser for the part of the STIX 2.1 patterning language (STIX 2.1 section 9) that can be
 * matched against single log events: observation expressions in brackets joined by {@code AND} /
 * {@code OR} (and parentheses), comparisons joined by {@code AND} / {@code OR} inside them, the
 * operators {@code =}, {@code IN (...)} and {@code ISSUBSET} (addresses), string constants, and
 * the object paths below. Everything else (qualifiers {@code WITHIN}, {@code REPEATS},
 * {@code START/STOP}; {@code FOLLOWEDBY}; {@code NOT}, {@code !=}, {@code LIKE}, {@code MATCHES},
 * other object types) is refused with a message naming it and its offset.
 *
 * <p>Object paths: {@code ipv4-addr:value}, {@code ipv6-addr:value},
 * {@code network-traffic:src_ref.value} / {@code dst_ref.value}, {@code domain-name:value},
 * {@code url:value}, {@code file:hashes.'SHA-256'} / {@code 'SHA-1'} / {@code MD5},
 * {@code file:name}.
 */
public final class StixPattern {
    /** Most conjunctions a pattern may expand to (AND of ORs multiplies). */
    static final int MAX_TERMS = 256;

    private enum Kind { LBRACK, RBRACK, LPAREN, RPAREN, COMMA, STRING, PATH, WORD, OP, OTHER, END }

    private record Token(Kind kind, String text, int offset) {
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private StixPattern(String src) {
        this.src = src;
    }

    /** Parses {@code pattern}; throws {@link InvalidIndicatorException} naming what and where. */
    public static Pattern parse(String pattern) {
        StixPattern p = new StixPattern(pattern);
        p.lex();
        List<List<Pattern.Expr>> dnf = p.observationOr();
        if (p.peek().kind != Kind.END) {
            throw p.error("unexpected '" + p.peek().text + "'", p.peek());
        }
        return new Pattern(dnf);
    }

    // ---- observation level: DNF over observations ----

    private List<List<Pattern.Expr>> observationOr() {
        List<List<Pattern.Expr>> out = new ArrayList<>(observationAnd());
        while (isWord("OR")) {
            pos++;
            out.addAll(observationAnd());
            limit(out.size());
        }
        return out;
    }

    private List<List<Pattern.Expr>> observationAnd() {
        List<List<Pattern.Expr>> left = observationUnit();
        while (isWord("AND") || isWord("FOLLOWEDBY")) {
            if (isWord("FOLLOWEDBY")) {
                throw error("FOLLOWEDBY is not supported (event order across observations)", peek());
            }
            pos++;
            List<List<Pattern.Expr>> right = observationUnit();
            List<List<Pattern.Expr>> product = new ArrayList<>();
            for (List<Pattern.Expr> a : left) {
                for (List<Pattern.Expr> b : right) {
                    List<Pattern.Expr> both = new ArrayList<>(a);
                    both.addAll(b);
                    product.add(both);
                    limit(product.size());
                }
            }
            left = product;
        }
        return left;
    }

    private List<List<Pattern.Expr>> observationUnit() {
        Token t = next();
        List<List<Pattern.Expr>> out;
        if (t.kind == Kind.LBRACK) {
            Pattern.Expr e = comparisonOr();
            expect(Kind.RBRACK, "']'");
            out = new ArrayList<>();
            out.add(List.of(e));
        } else if (t.kind == Kind.LPAREN) {
            out = observationOr();
            expect(Kind.RPAREN, "')'");
        } else {
            throw error("expected '[' or '(' but found " + describe(t), t);
        }
        Token q = peek();
        if (q.kind == Kind.WORD) {
            String w = q.text.toUpperCase(Locale.ROOT);
            if (w.equals("WITHIN") || w.equals("REPEATS") || w.equals("START")) {
                throw error("qualifier " + w + " is not supported", q);
            }
        }
        return out;
    }

    // ---- comparison level: a boolean expression within one observation ----

    private Pattern.Expr comparisonOr() {
        List<Pattern.Expr> parts = new ArrayList<>();
        parts.add(comparisonAnd());
        while (isWord("OR")) {
            pos++;
            parts.add(comparisonAnd());
        }
        return parts.size() == 1 ? parts.get(0) : new Pattern.Expr.Any(parts);
    }

    private Pattern.Expr comparisonAnd() {
        List<Pattern.Expr> parts = new ArrayList<>();
        parts.add(comparisonUnit());
        while (isWord("AND")) {
            pos++;
            parts.add(comparisonUnit());
        }
        return parts.size() == 1 ? parts.get(0) : new Pattern.Expr.All(parts);
    }

    private Pattern.Expr comparisonUnit() {
        Token t = next();
        if (t.kind == Kind.LPAREN) {
            Pattern.Expr e = comparisonOr();
            expect(Kind.RPAREN, "')'");
            return e;
        }
        if (t.kind == Kind.WORD && t.text.equalsIgnoreCase("NOT")) {
            throw error("NOT is not supported", t);
        }
        if (t.kind != Kind.PATH) {
            throw error("expected an object path (type:property) but found " + describe(t), t);
        }
        IocType type = typeOf(t);
        Token op = next();
        List<String> values = new ArrayList<>();
        if (op.kind == Kind.OP && op.text.equals("=")) {
            values.add(string());
        } else if (op.kind == Kind.WORD && op.text.equalsIgnoreCase("IN")) {
            expect(Kind.LPAREN, "'(' after IN");
            values.add(string());
            while (peek().kind == Kind.COMMA) {
                pos++;
                values.add(string());
            }
            expect(Kind.RPAREN, "')'");
        } else if (op.kind == Kind.WORD && op.text.equalsIgnoreCase("ISSUBSET") && type == IocType.IP) {
            values.add(string());
        } else if (op.kind == Kind.OP || op.kind == Kind.WORD) {
            throw error("operator " + op.text + " is not supported (only =, IN and ISSUBSET)", op);
        } else {
            throw error("expected an operator but found " + describe(op), op);
        }
        for (int i = 0; i < values.size(); i++) {
            try {
                values.set(i, Values.normalize(type, values.get(i)));
            } catch (InvalidIndicatorException e) {
                throw error(e.getMessage(), op);
            }
        }
        return new Pattern.Expr.Compare(type, values);
    }

    private IocType typeOf(Token path) {
        String p = path.text;
        int colon = p.indexOf(':');
        String object = p.substring(0, colon).toLowerCase(Locale.ROOT);
        String prop = p.substring(colon + 1);
        switch (object) {
            case "ipv4-addr":
            case "ipv6-addr":
                if (prop.equals("value")) {
                    return IocType.IP;
                }
                break;
            case "network-traffic":
                if (prop.equals("src_ref.value") || prop.equals("dst_ref.value")) {
                    return IocType.IP;
                }
                break;
            case "domain-name":
                if (prop.equals("value")) {
                    return IocType.DOMAIN;
                }
                break;
            case "url":
                if (prop.equals("value")) {
                    return IocType.URL;
                }
                break;
            case "file":
                if (prop.equals("name")) {
                    return IocType.FILENAME;
                }
                if (prop.startsWith("hashes.")) {
                    IocType h = IocType.named(prop.substring("hashes.".length()));
                    if (h != null && h.isHash()) {
                        return h;
                    }
                }
                break;
            default:
                break;
        }
        throw error("object path " + p + " is not supported", path);
    }

    private String string() {
        Token t = next();
        if (t.kind != Kind.STRING) {
            throw error("expected a quoted string but found " + describe(t), t);
        }
        return t.text;
    }

    // ---- tokens ----

    private void lex() {
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            switch (c) {
                case '[': tokens.add(new Token(Kind.LBRACK, "[", i++)); continue;
                case ']': tokens.add(new Token(Kind.RBRACK, "]", i++)); continue;
                case '(': tokens.add(new Token(Kind.LPAREN, "(", i++)); continue;
                case ')': tokens.add(new Token(Kind.RPAREN, ")", i++)); continue;
                case ',': tokens.add(new Token(Kind.COMMA, ",", i++)); continue;
                case '\'': {
                    StringBuilder sb = new StringBuilder();
                    i = quoted(i, sb);
                    tokens.add(new Token(Kind.STRING, sb.toString(), start));
                    continue;
                }
                case '=': case '!': case '<': case '>': {
                    i++;
                    if (i < n && (src.charAt(i) == '=' || src.charAt(i) == '>')) {
                        i++;
                    }
                    tokens.add(new Token(Kind.OP, src.substring(start, i), start));
                    continue;
                }
                default:
                    break;
            }
            if (isWordChar(c)) {
                while (i < n && isWordChar(src.charAt(i))) {
                    i++;
                }
                if (i < n && src.charAt(i) == ':') {
                    StringBuilder path = new StringBuilder(src.substring(start, i + 1));
                    i = path(i + 1, path);
                    tokens.add(new Token(Kind.PATH, path.toString(), start));
                } else {
                    tokens.add(new Token(Kind.WORD, src.substring(start, i), start));
                }
                continue;
            }
            tokens.add(new Token(Kind.OTHER, String.valueOf(c), i++));
        }
        tokens.add(new Token(Kind.END, "end of pattern", n));
    }

    /** The property path after {@code type:}: names, dots, quoted names, list indexes; quotes removed. */
    private int path(int i, StringBuilder out) {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (isWordChar(c) || c == '.') {
                out.append(c);
                i++;
            } else if (c == '\'' && i > 0 && src.charAt(i - 1) == '.') {
                i = quoted(i, out);
            } else if (c == '[' && i + 1 < n && (src.charAt(i + 1) == '*' || Character.isDigit(src.charAt(i + 1)))) {
                int close = src.indexOf(']', i);
                if (close < 0) {
                    break;
                }
                out.append(src, i, close + 1);
                i = close + 1;
            } else {
                break;
            }
        }
        return i;
    }

    /** A single-quoted string from {@code i} (the quote): {@code \'} and {@code \\} escapes; returns the index after it. */
    private int quoted(int i, StringBuilder out) {
        int n = src.length();
        int start = i;
        i++;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && (src.charAt(i + 1) == '\'' || src.charAt(i + 1) == '\\')) {
                    out.append(src.charAt(i + 1));
                    i += 2;
                    continue;
                }
                throw new InvalidIndicatorException("bad escape in string at offset " + i);
            }
            if (c == '\'') {
                return i + 1;
            }
            out.append(c);
            i++;
        }
        throw new InvalidIndicatorException("unterminated string starting at offset " + start);
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean isWord(String w) {
        Token t = peek();
        return t.kind == Kind.WORD && t.text.equalsIgnoreCase(w);
    }

    private void expect(Kind k, String what) {
        Token t = next();
        if (t.kind != k) {
            throw error("expected " + what + " but found " + describe(t), t);
        }
    }

    private static void limit(int n) {
        if (n > MAX_TERMS) {
            throw new InvalidIndicatorException("pattern expands to more than " + MAX_TERMS + " combinations of observations");
        }
    }

    private static String describe(Token t) {
        return t.kind == Kind.END ? "the end of the pattern" : "'" + Values.cut(t.text) + "'";
    }

    private InvalidIndicatorException error(String message, Token at) {
        return new InvalidIndicatorException(message + " at offset " + at.offset);
    }
}
