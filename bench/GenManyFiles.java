import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes N tiny files for bench/many-files.sh, PER_DIR to a directory (d0000/f0000000.txt ...):
 * every 10th file holds one e-mail address (all distinct), every 100th (from the 100th) is empty,
 * the others one line of text. Prints the counts a scan must report, as shell assignments.
 *
 *   java bench/GenManyFiles.java OUT_DIR N [PER_DIR]
 */
public final class GenManyFiles {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int perDir = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        long emails = 0;
        long empty = 0;
        byte[] none = new byte[0];
        Path dir = null;
        for (int i = 0; i < n; i++) {
            if (i % perDir == 0) {
                dir = out.resolve(String.format(Locale.ROOT, "d%04d", i / perDir));
                Files.createDirectories(dir);
            }
            byte[] data;
            if (i % 100 == 99) {
                data = none;
                empty++;
            } else if (i % 10 == 0) {
                data = ("contact user" + i + "@example.com\n").getBytes(StandardCharsets.US_ASCII);
                emails++;
            } else {
                data = ("line " + i + " of the many-files benchmark\n").getBytes(StandardCharsets.US_ASCII);
            }
            Files.write(dir.resolve(String.format(Locale.ROOT, "f%07d.txt", i)), data);
        }
        System.out.println("files=" + n + " emails=" + emails + " empty=" + empty + " parsed=" + (n - empty));
    }
}
