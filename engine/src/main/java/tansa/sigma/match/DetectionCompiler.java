package tansa.sigma.match;

import tansa.sigma.rule.Condition;
import tansa.sigma.rule.FieldTest;
import tansa.sigma.rule.InvalidRuleException;
import tansa.sigma.rule.Search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Compiles a detection (named searches plus condition) into one {@link Node}, with field names
 * renamed for one log source (e.g. {@code Image} to {@code NewProcessName} for Security 4688).
 * Not thread-safe; one compiler per rule.
 */
public final class DetectionCompiler {
    private final Map<String, List<String>> placeholders;
    private final List<String> unresolved = new ArrayList<>();
    private final Set<String> fields = new LinkedHashSet<>();

    public DetectionCompiler(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    /** Compiles {@code conditions} (OR-linked) over {@code searches}. */
    public Node compile(Map<String, Search> searches, List<Condition> conditions, UnaryOperator<String> rename,
                        String conditionPath) {
        ValueCompiler values = new ValueCompiler(placeholders, unresolved);
        Map<String, Node> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, Search> e : searches.entrySet()) {
            compiled.put(e.getKey(), search(e.getValue(), values, rename));
        }
        List<Node> ors = new ArrayList<>();
        for (Condition c : conditions) {
            ors.add(condition(c, compiled, conditionPath));
        }
        return Nodes.or(ors);
    }

    /** Placeholder names that had no values; the rule is then inactive. */
    public List<String> unresolvedPlaceholders() {
        return List.copyOf(unresolved);
    }

    /** Event field names the rule tests (after renaming), for reporting what matched. */
    public Set<String> fields() {
        return Set.copyOf(fields);
    }

    private Node search(Search s, ValueCompiler values, UnaryOperator<String> rename) {
        if (s instanceof Search.FieldTests) {
            List<Node> parts = new ArrayList<>();
            for (FieldTest t : ((Search.FieldTests) s).tests()) {
                parts.add(fieldTest(t, values, rename));
            }
            return Nodes.and(parts);
        }
        if (s instanceof Search.AnyOf) {
            List<Node> parts = new ArrayList<>();
            for (Search alt : ((Search.AnyOf) s).alternatives()) {
                parts.add(search(alt, values, rename));
            }
            return Nodes.or(parts);
        }
        return fieldTest(((Search.Keywords) s).test(), values, rename);
    }

    private Node fieldTest(FieldTest t, ValueCompiler values, UnaryOperator<String> rename) {
        String field = t.field() == null ? null : rename.apply(t.field());
        if (field != null) {
            fields.add(field);
        }
        return values.compile(t, field);
    }

    private static Node condition(Condition c, Map<String, Node> searches, String path) {
        if (c instanceof Condition.And) {
            Condition.And a = (Condition.And) c;
            return Nodes.and(List.of(condition(a.left(), searches, path), condition(a.right(), searches, path)));
        }
        if (c instanceof Condition.Or) {
            Condition.Or o = (Condition.Or) c;
            return Nodes.or(List.of(condition(o.left(), searches, path), condition(o.right(), searches, path)));
        }
        if (c instanceof Condition.Not) {
            return Nodes.not(condition(((Condition.Not) c).inner(), searches, path));
        }
        if (c instanceof Condition.Ref) {
            String name = ((Condition.Ref) c).name();
            Node n = searches.get(name);
            if (n == null) {
                throw new InvalidRuleException(path, "the condition names '" + ValueCompiler.clip(name)
                        + "', which is not a search identifier of this detection");
            }
            return n;
        }
        Condition.Of of = (Condition.Of) c;
        List<Node> parts = new ArrayList<>();
        for (Map.Entry<String, Node> e : searches.entrySet()) {
            String name = e.getKey();
            boolean take = of.pattern() == null ? !name.startsWith("_") : nameMatches(of.pattern(), name);
            if (take) {
                parts.add(e.getValue());
            }
        }
        if (parts.isEmpty()) {
            throw new InvalidRuleException(path, "'" + (of.all() ? "all" : "1") + " of "
                    + (of.pattern() == null ? "them" : ValueCompiler.clip(of.pattern())) + "' matches no search identifier");
        }
        return of.all() ? Nodes.and(parts) : Nodes.or(parts);
    }

    /** Search-identifier patterns: {@code *} matches any run of characters, all else is literal. */
    static boolean nameMatches(String pattern, String name) {
        GlobText g = GlobText.parse(pattern.replace("\\", "\\\\").replace("?", "\\?"));
        return TextMatch.of(g, true, false).matchesText(name);
    }
}
