package tansa.sigma.rule;

import java.util.List;

/**
 * {@code Field|mod1|mod2: values} inside a search. {@code field} is null for keywords;
 * {@code path} is the YAML path used in reports ({@code detection.selection.CommandLine|contains}).
 */
public record FieldTest(String field, List<Modifier> modifiers, List<SigmaValue> values, String path) {
    public FieldTest {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    public boolean has(Modifier m) {
        return modifiers.contains(m);
    }
}
