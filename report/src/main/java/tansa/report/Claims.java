package tansa.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import tansa.casefile.CaseView;

/**
 * The leak-claim checks attached to a case, counted from their claim records: how many listed
 * files were found as claimed, found with another size or hash, or not found, and how many of the
 * confirmed ones carry classification markings.
 */
public record Claims(long claimed, long confirmed, long sizeMismatch, long hashMismatch, long notFound,
                     long confirmedWithMarkings, long ignored, long samples, long samplesIdentical) {
    /** Null when the case holds no claim records. */
    public static Claims of(List<CaseView.Claim> rows, ObjectMapper mapper) {
        long claimed = 0;
        long confirmed = 0;
        long size = 0;
        long hash = 0;
        long notFound = 0;
        long marked = 0;
        long ignored = 0;
        long samples = 0;
        long identical = 0;
        boolean any = false;
        for (CaseView.Claim c : rows) {
            any = true;
            String kind = c.kind() == null ? "" : c.kind();
            String outcome = c.outcome() == null ? "" : c.outcome();
            if (kind.equals("claim")) {
                claimed++;
                switch (outcome) {
                    case "confirmed":
                        confirmed++;
                        if (markings(c.json(), mapper)) {
                            marked++;
                        }
                        break;
                    case "size_mismatch":
                        size++;
                        break;
                    case "hash_mismatch":
                        hash++;
                        break;
                    default:
                        notFound++;
                }
            } else if (kind.equals("sample")) {
                samples++;
                if (outcome.equals("identical")) {
                    identical++;
                }
            } else if (kind.equals("summary")) {
                ignored += field(c.json(), "ignored", mapper);
            }
        }
        return any ? new Claims(claimed, confirmed, size, hash, notFound, marked, ignored, samples, identical) : null;
    }

    private static boolean markings(String json, ObjectMapper mapper) {
        try {
            JsonNode f = mapper.readTree(json).path("findings");
            return f.path("marking.classification").asLong() > 0 || f.path("marking.export_control").asLong() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long field(String json, String name, ObjectMapper mapper) {
        try {
            return mapper.readTree(json).path(name).asLong();
        } catch (IOException e) {
            return 0;
        }
    }
}
