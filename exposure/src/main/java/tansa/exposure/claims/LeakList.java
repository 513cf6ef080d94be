package tansa.exposure.claims;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An attacker's or a responder's published file list, read in the layout the whole file is in
 * ({@link Layout}): every line either names a file (a {@link Claim}) or is {@code ignored}
 * (preamble, headings, prose, directories, separators, totals). Blank lines are neither.
 *
 * <p>Built by {@link #read(Path)} and not changed afterwards.
 */
public final class LeakList {
    /** Lines read to choose the layout. */
    static final int SNIFF_LINES = 200;
    private static final int SNIFF_BYTES = 1 << 16;

    private final String file;
    private final List<Claim> claims = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> hashTypes = new TreeSet<>();
    private Layout layout = Layout.COLUMNS;
    private int ignored;

    private LeakList(String file) {
        this.file = file;
    }

    public List<Claim> claims() {
        return Collections.unmodifiableList(claims);
    }

    /** Non-blank lines that named no file. */
    public int ignored() {
        return ignored;
    }

    public Layout layout() {
        return layout;
    }

    /** One line each: what in the list could not be read, naming the file and line. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The hash types the list gives ({@code md5}, {@code sha1}, {@code sha256}). */
    public Set<String> hashTypes() {
        return Collections.unmodifiableSet(hashTypes);
    }

    void claim(int line, String path, String pathText, SizeText size, String hash, String hashType) {
        String h = hash == null ? null : hash.toLowerCase(java.util.Locale.ROOT);
        if (hashType != null) {
            hashTypes.add(hashType);
        }
        claims.add(new Claim(line, path, pathText, size, h, h == null ? null : hashType));
    }

    void ignore() {
        ignored++;
    }

    /** A problem at a line, or with the whole file when line is 0. */
    void problem(int line, String what) {
        problems.add(line > 0 ? file + ":" + line + ": " + what : file + ": " + what);
    }

    /**
     * Reads a list; what cannot be read (an unreadable or binary file, invalid JSON) is reported
     * in {@link #problems()} and the claims before it are kept.
     */
    public static LeakList read(Path file) {
        LeakList l = new LeakList(file.toString());
        try {
            Charset cs = l.charset(file);
            if (cs == null) {
                return l;
            }
            List<String> head = new ArrayList<>();
            try (BufferedReader r = reader(file, cs)) {
                String s;
                while (head.size() < SNIFF_LINES && (s = r.readLine()) != null) {
                    head.add(s);
                }
            }
            l.layout = Layout.detect(head);
            try (BufferedReader r = reader(file, cs)) {
                if (l.layout == Layout.JSON) {
                    JsonList.read(r, l);
                    return l;
                }
                LineLayout p = l.layout.parser(l);
                String s;
                int n = 0;
                while ((s = r.readLine()) != null) {
                    n++;
                    if (n == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                        s = s.substring(1);
                    }
                    if (s.isBlank()) {
                        p.blank(n);
                    } else {
                        p.line(s, n);
                    }
                }
                p.end();
            }
            l.dropDirectories();
        } catch (IOException e) {
            l.problem(0, "cannot read the list (" + reason(e) + "); "
                    + (l.claims.isEmpty() ? "no claims taken from it" : "the " + l.claims.size() + " claims before it are kept"));
        }
        return l;
    }

    /**
     * Drops claims whose path is the directory of another claim ({@code du -a} lists directories
     * after their files, a plain list may too): they count as ignored lines.
     */
    private void dropDirectories() {
        if (claims.size() < 2) {
            return;
        }
        TreeSet<String> paths = new TreeSet<>();
        for (Claim c : claims) {
            paths.add(c.path());
        }
        Set<String> dirs = new HashSet<>();
        for (String p : paths) {
            for (String sep : new String[] {"/", "\\"}) {
                String next = paths.higher(p + sep);
                if (next != null && next.startsWith(p + sep)) {
                    dirs.add(p);
                }
            }
        }
        if (!dirs.isEmpty()) {
            int before = claims.size();
            claims.removeIf(c -> dirs.contains(c.path()));
            ignored += before - claims.size();
        }
    }

    private static BufferedReader reader(Path file, Charset cs) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }

    /**
     * The list's encoding from its first 64 KiB: a BOM, UTF-16 without one (PowerShell 5's
     * {@code >} writes UTF-16LE), UTF-8, else Shift_JIS (cmd.exe on Japanese Windows), else
     * windows-1252; null, with a problem reported, for binary data.
     */
    private Charset charset(Path file) throws IOException {
        byte[] b = new byte[SNIFF_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int k;
            while (n < b.length && (k = in.read(b, n, b.length - n)) > 0) {
                n += k;
            }
        }
        if (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        int evenNul = 0;
        int oddNul = 0;
        int firstNul = -1;
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                if (firstNul < 0) {
                    firstNul = i;
                }
                if ((i & 1) == 0) {
                    evenNul++;
                } else {
                    oddNul++;
                }
            }
        }
        if (firstNul >= 0) {
            if (oddNul > n / 4 && evenNul == 0) {
                return StandardCharsets.UTF_16LE;
            }
            if (evenNul > n / 4 && oddNul == 0) {
                return StandardCharsets.UTF_16BE;
            }
            problem(1, "binary data (a NUL byte at offset " + firstNul + "), not a file list; no claims taken from it");
            return null;
        }
        if (decodes(StandardCharsets.UTF_8, b, n)) {
            return StandardCharsets.UTF_8;
        }
        Charset sjis = Charset.forName("windows-31j");
        return decodes(sjis, b, n) ? sjis : Charset.forName("windows-1252");
    }

    /** Whether the bytes are valid in the charset, allowing a sequence cut at the end of the sample. */
    private static boolean decodes(Charset cs, byte[] b, int n) {
        int end = n;
        if (n == SNIFF_BYTES) {
            while (end > 0 && end > n - 4 && (b[end - 1] & 0x80) != 0) {
                end--;
            }
        }
        try {
            cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Why a file could not be read, without repeating its name. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return cap(f.getReason());
        }
        return cap(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** At most 120 characters of list or parser text for a message. */
    static String cap(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
