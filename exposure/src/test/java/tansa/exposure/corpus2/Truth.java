package tansa.exposure.corpus2;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the second corpus holds: every planted finding as (path, type, key) — the key is a
 * marking's label or a value's normalised form, as the scan reports them — and the status each
 * file must get.
 */
final class Truth {
    record Finding(String path, String type, String key) {
    }

    final Set<Finding> findings = new LinkedHashSet<>();
    final Map<String, String> statuses = new LinkedHashMap<>();

    void plant(String path, String type, String key) {
        findings.add(new Finding(path, type, key));
    }
}
