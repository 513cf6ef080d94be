package tansa.ioc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV and plain text lists. CSV (comma, semicolon or tab, RFC 4180 quotes) with a header names
 * a value column ({@code value}, {@code indicator}, {@code ioc}, {@code observable}) and
 * optionally {@code type}, {@code id}/{@code uuid}, {@code name}/{@code title}/{@code comment},
 * {@code level}/{@code confidence}/{@code threat_level}, {@code to_ids} and {@code tags}: MISP's
 * CSV export reads as it is. Without a header, a line is {@code value,type} or
 * {@code type,value} (whichever cell names a type) or a value whose type is inferred. A text list
 * is one value a line, type inferred ({@link Values#infer}), defanged values accepted, {@code #}
 * and {@code //} comments, a trailing {@code  # comment} ignored.
 */
final class PlainLists {
    private PlainLists() {
    }

    static void load(String file, String text, IocLoader out) {
        String[] lines = text.split("\r?\n|\r", -1);
        int first = 0;
        while (first < lines.length && skip(lines[first])) {
            first++;
        }
        if (first == lines.length) {
            out.note(file, null, "no indicators");
            return;
        }
        char sep = separator(lines[first]);
        if (sep == 0) {
            text(file, lines, out);
            return;
        }
        List<String> head = cells(lines[first], sep);
        int valueCol = column(head, "value", "indicator", "ioc", "observable", "ioc_value", "attribute_value");
        if (valueCol >= 0) {
            csvWithHeader(file, lines, first, sep, head, valueCol, out);
        } else {
            csvWithoutHeader(file, lines, sep, out);
        }
    }

    private static boolean skip(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#") || t.startsWith("//");
    }

    private static char separator(String line) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                comma += c == ',' ? 1 : 0;
                semi += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }
        if (comma == 0 && semi == 0 && tab == 0) {
            return 0;
        }
        return tab >= comma && tab >= semi ? '\t' : comma >= semi ? ',' : ';';
    }

    private static void csvWithHeader(String file, String[] lines, int first, char sep, List<String> head, int valueCol,
                                      IocLoader out) {
        int typeCol = column(head, "type", "ioc_type", "indicator_type", "attribute_type", "kind");
        int idCol = column(head, "id", "uuid", "indicator_id");
        int titleCol = column(head, "name", "title", "comment", "description");
        int levelCol = column(head, "level", "confidence", "threat_level", "severity");
        int toIdsCol = column(head, "to_ids");
        int tagsCol = column(head, "tags", "tag", "attribute_tag");
        int notIds = 0;
        for (int n = first + 1; n < lines.length; n++) {
            if (skip(lines[n])) {
                continue;
            }
            String where = "line " + (n + 1);
            List<String> c = cells(lines[n], sep);
            String value = cell(c, valueCol);
            if (value.isEmpty()) {
                out.problem(file, where, "no value; skipped");
                continue;
            }
            String toIds = cell(c, toIdsCol).toLowerCase(Locale.ROOT);
            if (toIdsCol >= 0 && (toIds.equals("0") || toIds.equals("false"))) {
                notIds++;
                continue;
            }
            String type = cell(c, typeCol);
            Pattern p;
            try {
                p = typeCol >= 0 && !type.isEmpty() ? typed(type, value) : inferred(value);
            } catch (InvalidIndicatorException e) {
                out.problem(file, where, e.getMessage() + "; skipped");
                continue;
            }
            List<String> tags = new ArrayList<>();
            for (String t : cell(c, tagsCol).split("[;,|]")) {
                if (!t.isBlank()) {
                    tags.add(t.strip());
                }
            }
            String id = cell(c, idCol);
            String title = cell(c, titleCol);
            String v = IocLoader.firstValue(p);
            out.add(new Indicator(id.isEmpty() ? "ioc:" + typeTag(p) + ":" + v : id, title.isEmpty() ? "IOC: " + v : title,
                    IocLoader.levelOf(cell(c, levelCol)), IocLoader.tags(p, tags), null, file, p));
        }
        if (notIds > 0) {
            out.note(file, null, notIds + " lines without to_ids left out");
        }
    }

    private static void csvWithoutHeader(String file, String[] lines, char sep, IocLoader out) {
        for (int n = 0; n < lines.length; n++) {
            if (skip(lines[n])) {
                continue;
            }
            List<String> c = cells(lines[n], sep);
            String where = "line " + (n + 1);
            Pattern p;
            try {
                p = null;
                // value,type or type,value: the cell that names a type says which.
                for (int i = 0; i < c.size() && p == null; i++) {
                    if (IocType.named(c.get(i)) != null || c.get(i).equalsIgnoreCase("hash")) {
                        String value = cell(c, i == 0 ? 1 : 0);
                        p = typed(c.get(i), value);
                    }
                }
                if (p == null) {
                    p = inferred(c.get(0));
                }
            } catch (InvalidIndicatorException e) {
                out.problem(file, where, e.getMessage() + "; skipped");
                continue;
            }
            add(file, p, out);
        }
    }

    private static void text(String file, String[] lines, IocLoader out) {
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (skip(line)) {
                continue;
            }
            int comment = line.indexOf(" #");
            String v = (comment >= 0 ? line.substring(0, comment) : line).strip();
            try {
                add(file, inferred(v), out);
            } catch (InvalidIndicatorException e) {
                out.problem(file, "line " + (n + 1), e.getMessage() + "; skipped");
            }
        }
    }

    private static void add(String file, Pattern p, IocLoader out) {
        String v = IocLoader.firstValue(p);
        out.add(new Indicator("ioc:" + typeTag(p) + ":" + v, "IOC: " + v, IocLoader.DEFAULT_LEVEL, IocLoader.tags(p, List.of()),
                null, file, p));
    }

    private static String typeTag(Pattern p) {
        return ((Pattern.Expr.Compare) p.anyOf().get(0).get(0)).type().tag();
    }

    private static Pattern typed(String type, String value) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        if (t.equals("hash") || t.equals("file")) {
            return inferred(value);
        }
        Pattern p = MispEvents.pattern(t, value);
        if (p == null) {
            throw new InvalidIndicatorException("unknown type '" + Values.cut(type) + "'");
        }
        return p;
    }

    private static Pattern inferred(String value) {
        IocType t = Values.infer(value);
        if (t == null) {
            throw new InvalidIndicatorException("cannot tell what '" + Values.cut(value.strip())
                    + "' is (not an address, hash, URL, domain or file name)");
        }
        return Pattern.of(t, Values.normalize(t, value));
    }

    private static int column(List<String> head, String... names) {
        for (String n : names) {
            for (int i = 0; i < head.size(); i++) {
                if (head.get(i).strip().equalsIgnoreCase(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String cell(List<String> c, int i) {
        return i < 0 || i >= c.size() ? "" : c.get(i).strip();
    }

    /** One line's cells: {@code sep}-separated, double quotes around a cell, {@code ""} inside one. */
    static List<String> cells(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"' && sb.toString().isBlank()) {
                quoted = true;
            } else if (c == sep) {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
