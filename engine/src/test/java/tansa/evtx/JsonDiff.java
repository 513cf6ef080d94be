package tansa.evtx;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Deep equality of JSON values (numbers by value, objects ignoring key order) with a readable first difference. */
final class JsonDiff {
    private JsonDiff() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        return firstDifference("", a, b) == null;
    }

    static String firstDifference(String path, JsonNode e, JsonNode a) {
        if (e.isNumber() && a.isNumber()) {
            return e.decimalValue().compareTo(a.decimalValue()) == 0 ? null : path + ": " + a + " vs expected " + e;
        }
        if (e.getNodeType() != a.getNodeType()) {
            return path + ": " + trim(a) + " vs expected " + trim(e);
        }
        if (e.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = e.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode av = a.get(f.getKey());
                if (av == null) {
                    return path + "/" + f.getKey() + ": missing, expected " + trim(f.getValue());
                }
                String d = firstDifference(path + "/" + f.getKey(), f.getValue(), av);
                if (d != null) {
                    return d;
                }
            }
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!e.has(n)) {
                    return path + "/" + n + ": unexpected " + trim(a.get(n));
                }
            }
            return null;
        }
        if (e.isArray()) {
            if (e.size() != a.size()) {
                return path + ": array of " + a.size() + " vs expected " + e.size();
            }
            for (int i = 0; i < e.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", e.get(i), a.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return e.equals(a) ? null : path + ": " + trim(a) + " vs expected " + trim(e);
    }

    private static String trim(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
