package tansa.exposure.claims;

/**
 * One file a leak list names, echoed as the list wrote it.
 *
 * @param line     the list's line number (1-based) the claim came from
 * @param path     the full path: the listed name joined to the directory a heading or the
 *                 indentation gave it ({@code ls -lR}, {@code dir /s}, {@code tree}), else as listed
 * @param pathText the name or path exactly as it is on the line
 * @param size     the size as written and what it stands for, or null when the list gives none
 * @param hash     a hex digest in lower case, or null
 * @param hashType {@code md5}, {@code sha1} or {@code sha256} (by the column's name or the digest's
 *                 length), or null
 */
public record Claim(int line, String path, String pathText, SizeText size, String hash, String hashType) {
    public Claim {
        if (hash != null && hashType == null) {
            throw new IllegalArgumentException("a hash needs its type");
        }
    }

    /** The claimed size in bytes, or null. */
    public Long bytes() {
        return size == null ? null : size.bytes();
    }

    /** The hash type a hex digest of this many characters is, or null. */
    static String hashTypeOf(String hex) {
        switch (hex.length()) {
            case 32:
                return "md5";
            case 40:
                return "sha1";
            case 64:
                return "sha256";
            default:
                return null;
        }
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
