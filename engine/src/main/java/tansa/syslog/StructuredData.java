package tansa.syslog;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 5424 STRUCTURED-DATA (section 6.3): one or more {@code [SD-ID PARAM="VALUE" ...]}
 * elements, each an object under its SD-ID holding its parameters; {@code \"}, {@code \\} and
 * {@code \]} in a value are unescaped. A parameter repeated in one element keeps its first value.
 */
final class StructuredData {
    private StructuredData() {
    }

    /** Parses the elements starting at {@code line[i] == '['} into {@code out}; returns the index after them, -1 when malformed. */
    static int parse(String line, int i, ObjectNode out) {
        StringBuilder value = new StringBuilder();
        while (i < line.length() && line.charAt(i) == '[') {
            int k = i + 1;
            while (k < line.length() && line.charAt(k) != ' ' && line.charAt(k) != ']') {
                k++;
            }
            if (k == i + 1 || k >= line.length()) {
                return -1;
            }
            ObjectNode element = out.putObject(line.substring(i + 1, k));
            while (k < line.length() && line.charAt(k) == ' ') {
                int eq = line.indexOf('=', k);
                if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    return -1;
                }
                String name = line.substring(k + 1, eq);
                value.setLength(0);
                int j = eq + 2;
                while (j < line.length() && line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\' && j + 1 < line.length() && "\"\\]".indexOf(line.charAt(j + 1)) >= 0) {
                        c = line.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                if (j >= line.length()) {
                    return -1;
                }
                if (!element.has(name)) {
                    element.put(name, value.toString());
                }
                k = j + 1;
            }
            if (k >= line.length() || line.charAt(k) != ']') {
                return -1;
            }
            i = k + 1;
        }
        return i;
    }
}
