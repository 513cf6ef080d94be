package tansa.sigma.rule;

import java.util.List;

/**
 * The body of one search identifier of a {@code detection} section. A map is an AND of field
 * tests ({@link FieldTests}); a list of maps is an OR of such ANDs ({@link AnyOf}); a list of
 * plain values is a keyword search ({@link Keywords}).
 */
public sealed interface Search permits Search.FieldTests, Search.AnyOf, Search.Keywords {

    /** Every test must hold. */
    record FieldTests(List<FieldTest> tests) implements Search {
        public FieldTests {
            tests = List.copyOf(tests);
        }
    }

    /** At least one alternative must hold. */
    record AnyOf(List<Search> alternatives) implements Search {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** Field-less values searched in every field of the event; the test's field is null. */
    record Keywords(FieldTest test) implements Search {
    }
}
