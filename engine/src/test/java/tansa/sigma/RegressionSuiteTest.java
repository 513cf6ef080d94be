package tansa.sigma;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tansa.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SigmaHQ's regression suite: for every info.yml with an evtx test, hunting the .evtx and,
 * separately, its .json twin with the full rule set reports the named rule exactly
 * {@code match_count} times (at least once where info.yml gives no count, as SigmaHQ's CI).
 */
class RegressionSuiteTest {

    @TestFactory
    Stream<DynamicTest> everyRegressionCaseReportsItsRuleWithTheExpectedCount() throws IOException {
        RuleSet rules = SigmaTestSupport.fullRuleSet();
        Path root = SharedData.regressionData();
        List<Path> infos;
        try (Stream<Path> s = Files.walk(root)) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path info : infos) {
            Map<?, ?> y = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(info));
            Object rt = y.get("regression_tests_info");
            if (!(rt instanceof List)) {
                continue; // commented out upstream (e.g. cisco raw log): no test defined
            }
            String ruleId = String.valueOf(((Map<?, ?>) ((List<?>) y.get("rule_metadata")).get(0)).get("id"));
            for (Object o : (List<?>) rt) {
                Map<?, ?> t = (Map<?, ?>) o;
                if (!"evtx".equals(t.get("type"))) {
                    continue;
                }
                Path evtx = root.getParent().resolve(String.valueOf(t.get("path")));
                Integer count = t.get("match_count") == null ? null : ((Number) t.get("match_count")).intValue();
                String name = root.relativize(info.getParent()).toString();
                Path json = Path.of(evtx.toString().replaceAll("\\.evtx$", ".json"));
                tests.add(DynamicTest.dynamicTest(name + " (.evtx)", () -> check(rules, evtx, ruleId, count)));
                tests.add(DynamicTest.dynamicTest(name + " (.json)", () -> check(rules, json, ruleId, count)));
            }
        }
        assertTrue(tests.size() >= 400, "expected about 200 regression cases, found " + tests.size() / 2);
        return tests.stream();
    }

    private static void check(RuleSet rules, Path file, String ruleId, Integer count) {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        List<Detection> ds = SigmaTestSupport.hunt(rules, List.of(file));
        long n = ds.stream().filter(d -> ruleId.equals(d.rule().id())).count();
        if (count == null) {
            assertTrue(n >= 1, "rule " + ruleId + " did not match " + file.getFileName());
        } else {
            assertEquals(count.longValue(), n, "rule " + ruleId + " on " + file.getFileName());
        }
    }
}
