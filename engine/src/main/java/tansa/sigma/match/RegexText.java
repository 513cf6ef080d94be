package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import tansa.event.EventFields;

/**
 * The {@code re} modifier, evaluated with re2j: linear time in the input, so no rule can make
 * a hunt hang (issue 3). Unanchored search, as Sigma backends do. Each thread reuses one
 * {@link Matcher} to avoid an allocation per evaluation.
 */
final class RegexText implements ValueMatcher {
    private final Pattern pattern;
    private final ThreadLocal<Matcher> matcher;

    RegexText(Pattern pattern) {
        this.pattern = pattern;
        this.matcher = ThreadLocal.withInitial(() -> pattern.matcher(""));
    }

    @Override
    public boolean matches(JsonNode value, EventFields event) {
        String s = FieldValues.text(value);
        return s != null && find(s);
    }

    boolean find(String s) {
        Matcher m = matcher.get();
        m.reset(s);
        return m.find();
    }

    Pattern pattern() {
        return pattern;
    }
}
