package tansa.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import tansa.reader.Problems;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attaches exposure results to a case: the JSONL of {@code tansa scan -f jsonl} (records of kind
 * file, finding, summary) into {@code scan_file}, {@code scan_finding}, {@code scan_summary}, and
 * of {@code tansa claims verify -f jsonl} (claim, sample, summary) into {@code claim}; each line
 * kept as written in {@code data}. Like evidence, a file is attached in one transaction with its
 * registry row ({@code attachment}: SHA-256, size, path, who, where, when) and its audit entry, and
 * the same contents are attached once: a re-run adds nothing. A line that is not JSON is reported
 * (file and line) and skipped; a record of the other command's kind means the wrong option was
 * used, and the file is not attached. Not thread-safe.
 */
public final class ExposureAttach {
    /** What a file holds. */
    public enum Kind {
        SCAN, CLAIMS;

        String id() {
            return this == SCAN ? "scan" : "claims";
        }
    }

    /** One file's outcome: attached now (records stored), already attached, or refused. */
    public record Result(Path file, Kind kind, boolean attached, boolean already, long records) {
    }

    private static final int BATCH = 1000;

    private final CaseStore store;
    private final Problems problems;
    private final String user;
    private final Clock clock;

    public ExposureAttach(CaseStore store, Problems problems, String user, Clock clock) {
        this.store = store;
        this.problems = problems;
        this.user = user;
        this.clock = clock;
    }

    public Result attach(Path file, Kind kind) {
        Sha256 hash;
        try {
            hash = Sha256.of(file);
        } catch (IOException e) {
            problems.report(file.toString(), -1, "cannot read: " + e.getMessage());
            return new Result(file, kind, false, false, 0);
        }
        Connection c = store.connection();
        try {
            c.setAutoCommit(false);
            try {
                Result r = attach(c, file, kind, hash);
                if (r.attached()) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new CaseException("cannot write " + store.label() + ": " + CaseStore.firstLine(e.getMessage()), e);
        }
    }

    private Result attach(Connection c, Path file, Kind kind, Sha256 hash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT path FROM attachment WHERE kind = ? AND sha256 = ?")) {
            p.setString(1, kind.id());
            p.setString(2, hash.hex());
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return new Result(file, kind, false, true, 0);
                }
            }
        }
        long id;
        try (PreparedStatement p = c.prepareStatement("SELECT nextval('attachment_ids')"); ResultSet r = p.executeQuery()) {
            r.next();
            id = r.getLong(1);
        }
        String path = file.toAbsolutePath().normalize().toString();
        long records = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
             PreparedStatement scanFile = c.prepareStatement("INSERT INTO scan_file VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement finding = c.prepareStatement("INSERT INTO scan_finding VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement summary = c.prepareStatement("INSERT INTO scan_summary VALUES (?, ?, ?)");
             PreparedStatement claim = c.prepareStatement("INSERT INTO claim VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            String line;
            long n = 0;
            int pending = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    problems.report(path, -1, "line " + n + ": not JSON (" + e.getOriginalMessage() + "); line skipped");
                    continue;
                }
                String k = node.path("kind").asText("");
                String data = line.indexOf('\u0000') >= 0 ? line.replace('\u0000', '\uFFFD') : line;
                if (kind == Kind.SCAN && k.equals("file")) {
                    scanFile.setLong(1, id);
                    scanFile.setLong(2, records);
                    scanFile.setString(3, text(node, "path"));
                    if (node.path("size").canConvertToLong()) {
                        scanFile.setLong(4, node.get("size").asLong());
                    } else {
                        scanFile.setNull(4, java.sql.Types.BIGINT);
                    }
                    scanFile.setString(5, text(node, "sha256"));
                    scanFile.setString(6, data);
                    scanFile.addBatch();
                } else if (kind == Kind.SCAN && k.equals("finding")) {
                    finding.setLong(1, id);
                    finding.setLong(2, records);
                    finding.setString(3, text(node, "path"));
                    finding.setString(4, text(node, "category"));
                    finding.setString(5, text(node, "type"));
                    finding.setString(6, data);
                    finding.addBatch();
                } else if (kind == Kind.SCAN && k.equals("summary")) {
                    summary.setLong(1, id);
                    summary.setLong(2, records);
                    summary.setString(3, data);
                    summary.addBatch();
                } else if (kind == Kind.CLAIMS && (k.equals("claim") || k.equals("sample") || k.equals("summary"))) {
                    claim.setLong(1, id);
                    claim.setLong(2, records);
                    claim.setString(3, k);
                    claim.setString(4, text(node, k.equals("sample") ? "file" : "claimed_path"));
                    claim.setString(5, text(node, "outcome"));
                    claim.setString(6, text(node, "matched_path"));
                    claim.setString(7, data);
                    claim.addBatch();
                } else {
                    String other = kind == Kind.SCAN ? "claims" : "scan";
                    problems.report(path, -1, "line " + n + ": record kind '" + cap(k) + "' is not a " + kind.id()
                            + " record (expected the JSONL of 'tansa " + (kind == Kind.SCAN ? "scan" : "claims verify")
                            + " -f jsonl'" + (looksLike(k, other) ? "; is this a " + other + " file? use --" + other : "")
                            + "); not attached");
                    return new Result(file, kind, false, false, 0);
                }
                records++;
                if (++pending >= BATCH) {
                    flush(scanFile, finding, summary, claim);
                    pending = 0;
                }
            }
            flush(scanFile, finding, summary, claim);
        } catch (IOException e) {
            problems.report(path, -1, "cannot read: " + e.getMessage());
            return new Result(file, kind, false, false, 0);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO attachment (id, kind, path, sha256, size, records, "
                + "ingested_by, ingest_host, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setString(2, kind.id());
            p.setString(3, path);
            p.setString(4, hash.hex());
            p.setLong(5, hash.size());
            p.setLong(6, records);
            p.setString(7, user);
            p.setString(8, Host.name());
            p.setString(9, clock.instant().toString());
            p.executeUpdate();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", id);
        after.put("kind", kind.id());
        after.put("path", path);
        after.put("sha256", hash.hex());
        after.put("size", hash.size());
        after.put("records", records);
        Audit.append(c, clock.instant(), user, "exposure.attach", path, null, Json.object(after));
        return new Result(file, kind, true, false, records);
    }

    private static boolean looksLike(String recordKind, String other) {
        return other.equals("claims") ? recordKind.equals("claim") || recordKind.equals("sample")
                : recordKind.equals("file") || recordKind.equals("finding");
    }

    private static void flush(PreparedStatement... statements) throws SQLException {
        for (PreparedStatement p : statements) {
            p.executeBatch();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.indexOf('\u0000') >= 0 ? s.replace('\u0000', '\uFFFD') : s;
    }

    private static String cap(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
