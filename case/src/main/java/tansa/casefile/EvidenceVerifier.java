package tansa.casefile;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Re-hashes every file in a case's evidence registry and compares it with what was recorded at
 * ingest; lists the files under the ingested directories that the registry does not hold. Reads
 * the case only.
 */
public final class EvidenceVerifier {
    private final CaseStore store;

    public EvidenceVerifier(CaseStore store) {
        this.store = store;
    }

    /** The result: how many registered files were checked, and every finding in path order. */
    public record Result(int checked, List<EvidenceCheck> findings) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    public Result verify() {
        Map<String, String[]> registered = new HashMap<>();
        List<String> roots = new ArrayList<>();
        try (PreparedStatement p = store.connection().prepareStatement("SELECT path, sha256, size FROM evidence ORDER BY path");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                registered.put(r.getString(1), new String[] {r.getString(2), Long.toString(r.getLong(3))});
            }
        } catch (SQLException e) {
            throw new CaseException("cannot read " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
        try (PreparedStatement p = store.connection().prepareStatement("SELECT path FROM evidence_root ORDER BY path");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                roots.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new CaseException("cannot read " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
        List<EvidenceCheck> findings = new ArrayList<>();
        for (String path : new TreeSet<>(registered.keySet())) {
            String[] rec = registered.get(path);
            long size = Long.parseLong(rec[1]);
            Path file = Path.of(path);
            if (!Files.isRegularFile(file)) {
                findings.add(new EvidenceCheck(EvidenceCheck.Status.MISSING, path, rec[0], null, size, -1));
                continue;
            }
            try {
                Sha256 now = Sha256.of(file);
                if (!now.hex().equals(rec[0]) || now.size() != size) {
                    findings.add(new EvidenceCheck(EvidenceCheck.Status.CHANGED, path, rec[0], now.hex(), size, now.size()));
                }
            } catch (NoSuchFileException e) {
                findings.add(new EvidenceCheck(EvidenceCheck.Status.MISSING, path, rec[0], null, size, -1));
            } catch (IOException e) {
                // unreadable now: it can no longer be shown to be the file that was ingested
                findings.add(new EvidenceCheck(EvidenceCheck.Status.CHANGED, path, rec[0], null, size, -1));
            }
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (String root : roots) {
            unknown.addAll(unregistered(Path.of(root), registered.keySet()));
        }
        for (String path : unknown) {
            Sha256 now = null;
            try {
                now = Sha256.of(Path.of(path));
            } catch (IOException e) {
                // listed but not readable: still new
            }
            findings.add(new EvidenceCheck(EvidenceCheck.Status.NEW, path, null, now == null ? null : now.hex(), -1,
                    now == null ? -1 : now.size()));
        }
        findings.sort((a, b) -> a.path().compareTo(b.path()));
        return new Result(registered.size(), findings);
    }

    private static List<String> unregistered(Path root, Set<String> registered) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !registered.contains(file.toString())) {
                        out.add(file.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a root that cannot be listed: its registered files are still checked one by one
        }
        return out;
    }
}
