package tansa.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of rule ids in a file: one id per line, {@code #} starts a comment (whole line or after
 * the id), blank lines ignored; Hayabusa's {@code exclude_rules.txt} and {@code noisy_rules.txt}
 * have this form.
 */
public final class RuleIdList {
    private RuleIdList() {
    }

    public static List<String> load(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }
}
