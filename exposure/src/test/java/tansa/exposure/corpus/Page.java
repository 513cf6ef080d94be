package tansa.exposure.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Lines of a generated document and what a perfect scanner would find in them. */
final class Page {
    /** An expected finding: type id and key (normalised value, or the label of a marking). */
    record Expect(String type, String key) {
    }

    final List<String> lines = new ArrayList<>();
    final List<Expect> expect = new ArrayList<>();
    private final List<List<String>> blocks = new ArrayList<>();
    private final List<List<Expect>> blockExpect = new ArrayList<>();

    /** A block of lines kept together (a banner with its caveat, a key with its body). */
    Page block(List<String> ls, Expect... es) {
        blocks.add(List.copyOf(ls));
        blockExpect.add(List.of(es));
        return this;
    }

    Page line(String l, Expect... es) {
        return block(List.of(l), es);
    }

    /** Shuffles the blocks (seeded) and lays them out with blank lines between. */
    Page build(Random r) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < blocks.size(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, r);
        for (int k : order) {
            lines.addAll(blocks.get(k));
            lines.add("");
            expect.addAll(blockExpect.get(k));
        }
        return this;
    }

    static Expect e(String type, String key) {
        return new Expect(type, key);
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }
}
