package tansa.sigma.rule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one parsed YAML document (maps, lists, scalars as snakeyaml-engine returns them) into
 * a {@link SigmaRule}. Structural mistakes throw {@link InvalidRuleException} naming the YAML
 * path; value semantics (modifier combinations, regexes) are checked by the compiler.
 */
public final class RuleParser {
    private RuleParser() {
    }

    public static SigmaRule parse(Object doc, String file, int index) {
        if (!(doc instanceof Map)) {
            throw new InvalidRuleException("", "a rule document must be a YAML mapping");
        }
        Map<?, ?> map = (Map<?, ?>) doc;
        RuleInfo info = info(map, file, index);
        if (map.containsKey("correlation")) {
            return correlation(map, info);
        }
        if (map.containsKey("filter")) {
            return filter(map, info);
        }
        if (!map.containsKey("detection")) {
            throw new InvalidRuleException("", "neither 'detection', 'correlation' nor 'filter' is present");
        }
        LogSource ls = logsource(map);
        Map<?, ?> det = asMap(map.get("detection"), "detection");
        Map<String, Search> searches = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : det.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("condition") || name.equals("timeframe")) {
                continue;
            }
            searches.put(name, search(e.getValue(), "detection." + name));
        }
        List<Condition> conds = conditions(det.get("condition"), "detection.condition");
        List<String> fields = strings(map.get("fields"), "fields");
        return new DetectionRule(info, ls, searches, conds, fields);
    }

    private static RuleInfo info(Map<?, ?> map, String file, int index) {
        String title = str(map.get("title"));
        String id = str(map.get("id"));
        String name = str(map.get("name"));
        if (title == null) {
            throw new InvalidRuleException("title", "the mandatory 'title' is missing");
        }
        List<String> tags = strings(map.get("tags"), "tags");
        return new RuleInfo(id, name, title, str(map.get("status")), str(map.get("level")), tags,
                str(map.get("description")), file, index);
    }

    private static LogSource logsource(Map<?, ?> map) {
        Object o = map.get("logsource");
        if (o == null) {
            throw new InvalidRuleException("logsource", "the mandatory 'logsource' is missing");
        }
        Map<?, ?> ls = asMap(o, "logsource");
        return new LogSource(str(ls.get("product")), str(ls.get("category")), str(ls.get("service")));
    }

    private static List<Condition> conditions(Object o, String path) {
        if (o == null) {
            throw new InvalidRuleException(path, "the mandatory 'condition' is missing");
        }
        List<Condition> out = new ArrayList<>();
        if (o instanceof List) {
            int i = 0;
            for (Object c : (List<?>) o) {
                if (!(c instanceof String)) {
                    throw new InvalidRuleException(path + "[" + i + "]", "a condition must be a string");
                }
                out.add(ConditionParser.parse((String) c, path + "[" + i + "]"));
                i++;
            }
            if (out.isEmpty()) {
                throw new InvalidRuleException(path, "empty condition list");
            }
        } else if (o instanceof String) {
            out.add(ConditionParser.parse((String) o, path));
        } else {
            throw new InvalidRuleException(path, "a condition must be a string or a list of strings");
        }
        return out;
    }

    static Search search(Object body, String path) {
        if (body instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) body;
            if (m.isEmpty()) {
                throw new InvalidRuleException(path, "empty search");
            }
            List<FieldTest> tests = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = e.getKey() == null ? "" : String.valueOf(e.getKey());
                tests.add(fieldTest(key, e.getValue(), path + "." + key));
            }
            return new Search.FieldTests(tests);
        }
        if (body instanceof List) {
            List<?> list = (List<?>) body;
            if (list.isEmpty()) {
                throw new InvalidRuleException(path, "empty search list");
            }
            boolean anyMap = false;
            for (Object o : list) {
                anyMap |= o instanceof Map || o instanceof List;
            }
            if (!anyMap) {
                return new Search.Keywords(new FieldTest(null, List.of(), values(list, path), path));
            }
            List<Search> alts = new ArrayList<>();
            int i = 0;
            for (Object o : list) {
                String p = path + "[" + i + "]";
                if (o instanceof Map) {
                    alts.add(search(o, p));
                } else if (o instanceof List) {
                    throw new InvalidRuleException(p, "a list inside a search list is not Sigma");
                } else {
                    alts.add(new Search.Keywords(new FieldTest(null, List.of(), List.of(value(o, p)), p)));
                }
                i++;
            }
            return new Search.AnyOf(alts);
        }
        if (body == null) {
            throw new InvalidRuleException(path, "empty search");
        }
        return new Search.Keywords(new FieldTest(null, List.of(), List.of(value(body, path)), path));
    }

    private static FieldTest fieldTest(String key, Object v, String path) {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].isEmpty() ? null : parts[0];
        List<Modifier> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Modifier m = Modifier.parse(parts[i]);
            if (m == null) {
                throw new InvalidRuleException(path, "unknown modifier '" + clip(parts[i]) + "'");
            }
            mods.add(m);
        }
        List<SigmaValue> vals;
        if (v instanceof List) {
            vals = values((List<?>) v, path);
            if (vals.isEmpty()) {
                throw new InvalidRuleException(path, "empty value list");
            }
        } else if (v instanceof Map) {
            throw new InvalidRuleException(path, "a field's value must be a scalar or a list of scalars, not a mapping");
        } else {
            vals = List.of(value(v, path));
        }
        return new FieldTest(field, mods, vals, path);
    }

    private static List<SigmaValue> values(List<?> list, String path) {
        List<SigmaValue> out = new ArrayList<>(list.size());
        int i = 0;
        for (Object o : list) {
            if (o instanceof Map || o instanceof List) {
                throw new InvalidRuleException(path + "[" + i + "]", "a value list may hold only scalars");
            }
            out.add(value(o, path + "[" + i + "]"));
            i++;
        }
        return out;
    }

    static SigmaValue value(Object o, String path) {
        if (o == null) {
            return new SigmaValue.Null();
        }
        if (o instanceof String) {
            return new SigmaValue.Str((String) o);
        }
        if (o instanceof Boolean) {
            return new SigmaValue.Bool((Boolean) o);
        }
        if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return new SigmaValue.Num(o.toString(), ((Number) o).doubleValue(), true);
        }
        if (o instanceof Double || o instanceof Float || o instanceof BigDecimal) {
            double d = ((Number) o).doubleValue();
            String text = (d == Math.rint(d) && Math.abs(d) < 1e15) ? Long.toString((long) d) : o.toString();
            return new SigmaValue.Num(text, d, false);
        }
        return new SigmaValue.Str(String.valueOf(o));
    }

    private static CorrelationRule correlation(Map<?, ?> map, RuleInfo info) {
        Map<?, ?> c = asMap(map.get("correlation"), "correlation");
        String typeName = str(c.get("type"));
        CorrelationType type = CorrelationType.parse(typeName);
        if (type == null) {
            throw new InvalidRuleException("correlation.type", "unknown correlation type '" + clip(String.valueOf(typeName)) + "'");
        }
        List<String> rules = strings(c.get("rules"), "correlation.rules");
        if (rules.isEmpty()) {
            throw new InvalidRuleException("correlation.rules", "a correlation needs at least one rule");
        }
        List<String> groupBy = strings(c.get("group-by"), "correlation.group-by");
        Duration span = timespan(str(c.get("timespan")), "correlation.timespan");
        List<Threshold> thresholds = new ArrayList<>();
        String field = null;
        Object condObj = c.get("condition");
        if (condObj != null) {
            Map<?, ?> cond = asMap(condObj, "correlation.condition");
            for (Map.Entry<?, ?> e : cond.entrySet()) {
                String k = String.valueOf(e.getKey());
                String p = "correlation.condition." + k;
                if (k.equals("field")) {
                    if (e.getValue() instanceof List) {
                        List<String> fs = strings(e.getValue(), p);
                        if (fs.size() != 1) {
                            throw new InvalidRuleException(p, "tansa aggregates one field per correlation");
                        }
                        field = fs.get(0);
                    } else {
                        field = str(e.getValue());
                    }
                    continue;
                }
                Threshold.Op op;
                try {
                    op = Threshold.Op.valueOf(k.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new InvalidRuleException(p, "unknown condition operator '" + clip(k) + "'");
                }
                if (!(e.getValue() instanceof Number)) {
                    throw new InvalidRuleException(p, "the threshold must be a number");
                }
                thresholds.add(new Threshold(op, ((Number) e.getValue()).doubleValue()));
            }
        }
        if (thresholds.isEmpty()) {
            if (!type.temporal()) {
                throw new InvalidRuleException("correlation.condition", type.yamlName() + " needs a condition");
            }
            thresholds.add(new Threshold(Threshold.Op.GTE, rules.size()));
        }
        if (type.needsField() && field == null) {
            throw new InvalidRuleException("correlation.condition.field", type.yamlName() + " needs 'field' in its condition");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        Object al = c.get("aliases");
        if (al != null) {
            for (Map.Entry<?, ?> e : asMap(al, "correlation.aliases").entrySet()) {
                String alias = String.valueOf(e.getKey());
                Map<String, String> per = new LinkedHashMap<>();
                for (Map.Entry<?, ?> r : asMap(e.getValue(), "correlation.aliases." + alias).entrySet()) {
                    per.put(String.valueOf(r.getKey()), String.valueOf(r.getValue()));
                }
                aliases.put(alias, Map.copyOf(per));
            }
        }
        Object gen = map.containsKey("generate") ? map.get("generate") : c.get("generate");
        boolean generate = Boolean.TRUE.equals(gen);
        return new CorrelationRule(info, type, rules, groupBy, span, thresholds, field, aliases, generate);
    }

    /** {@code 90m}, {@code 1h}, {@code 30s}, {@code 2d}; also {@code w}, {@code M} and {@code y} as pySigma does. */
    public static Duration timespan(String s, String path) {
        if (s == null || s.length() < 2) {
            throw new InvalidRuleException(path, "a timespan like '5m' is required");
        }
        char unit = s.charAt(s.length() - 1);
        long n;
        try {
            n = Long.parseLong(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new InvalidRuleException(path, "timespan '" + clip(s) + "' is not a number followed by s, m, h or d");
        }
        if (n <= 0) {
            throw new InvalidRuleException(path, "timespan must be positive");
        }
        switch (unit) {
            case 's': return Duration.ofSeconds(n);
            case 'm': return Duration.ofMinutes(n);
            case 'h': return Duration.ofHours(n);
            case 'd': return Duration.ofDays(n);
            case 'w': return Duration.ofDays(7 * n);
            case 'M': return Duration.ofDays(30 * n);
            case 'y': return Duration.ofDays(365 * n);
            default:
                throw new InvalidRuleException(path, "timespan '" + clip(s) + "' has unknown unit '" + unit + "'");
        }
    }

    private static FilterRule filter(Map<?, ?> map, RuleInfo info) {
        Map<?, ?> f = asMap(map.get("filter"), "filter");
        List<String> rules = strings(f.get("rules"), "filter.rules");
        if (rules.isEmpty()) {
            throw new InvalidRuleException("filter.rules", "a filter must name the rules it applies to");
        }
        Map<String, Search> searches = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : f.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("rules") || name.equals("condition")) {
                continue;
            }
            searches.put(name, search(e.getValue(), "filter." + name));
        }
        List<Condition> conds = conditions(f.get("condition"), "filter.condition");
        return new FilterRule(info, logsource(map), rules, searches, conds);
    }

    private static Map<?, ?> asMap(Object o, String path) {
        if (!(o instanceof Map)) {
            throw new InvalidRuleException(path, "'" + path + "' must be a mapping");
        }
        return (Map<?, ?>) o;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> strings(Object o, String path) {
        List<String> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        if (o instanceof List) {
            for (Object x : (List<?>) o) {
                if (x instanceof Map || x instanceof List) {
                    throw new InvalidRuleException(path, "'" + path + "' must be a list of strings");
                }
                out.add(String.valueOf(x));
            }
        } else if (o instanceof Map) {
            throw new InvalidRuleException(path, "'" + path + "' must be a list of strings");
        } else {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** Caps rule text echoed into messages (style: never echo unbounded input). */
    static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
