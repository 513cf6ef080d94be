package tansa.ioc;

import java.util.List;

/**
 * What an indicator matches, after parsing: any of {@code anyOf}, each being all of its
 * observations; an observation is a boolean expression over comparisons tested against one event.
 */
public record Pattern(List<List<Expr>> anyOf) {
    public Pattern {
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    /** A pattern of one comparison ({@code type = value}). */
    public static Pattern of(IocType type, String value) {
        return new Pattern(List.of(List.of(new Expr.Compare(type, List.of(value)))));
    }

    /** A boolean expression over comparisons within one observation (one event). */
    public sealed interface Expr permits Expr.Compare, Expr.All, Expr.Any {
        /** {@code type} equals one of {@code values} (STIX {@code =} and {@code IN}; a CIDR value is a range). */
        record Compare(IocType type, List<String> values) implements Expr {
            public Compare {
                values = List.copyOf(values);
            }
        }

        record All(List<Expr> parts) implements Expr {
            public All {
                parts = List.copyOf(parts);
            }
        }

        record Any(List<Expr> parts) implements Expr {
            public Any {
                parts = List.copyOf(parts);
            }
        }
    }
}
