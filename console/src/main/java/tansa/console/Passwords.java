package tansa.console;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes (Bouncy Castle's implementation) as PHC strings:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, the parameters OWASP's password storage
 * cheat sheet gives as a minimum. Verification reads the parameters from the stored string, so
 * stronger settings later still verify old hashes. Thread-safe.
 */
public final class Passwords {
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when the user does not exist, so an unknown name costs as long as a wrong password. */
    private static final String DUMMY = hash("not a password: keeps the timing of unknown users");

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches {@code phc}; a null or malformed {@code phc} never matches (and costs the same). */
    public static boolean verify(String password, String phc) {
        if (phc == null) {
            verify(password, DUMMY);
            return false;
        }
        String[] p = phc.split("\\$");
        if (p.length != 6 || !p[1].equals("argon2id") || !p[2].equals("v=19")) {
            verify(password, DUMMY);
            return false;
        }
        int m;
        int t;
        int par;
        byte[] salt;
        byte[] expected;
        try {
            String[] kv = p[3].split(",");
            m = Integer.parseInt(kv[0].substring(2));
            t = Integer.parseInt(kv[1].substring(2));
            par = Integer.parseInt(kv[2].substring(2));
            salt = B64D.decode(p[4]);
            expected = B64D.decode(p[5]);
        } catch (RuntimeException e) {
            return false;
        }
        if (m < 8 || m > 1 << 21 || t < 1 || t > 64 || par < 1 || par > 16 || expected.length < 16 || expected.length > 64) {
            return false; // not ours: refuse rather than spend unbounded memory or time
        }
        byte[] actual = derive(password, salt, m, t, par, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(params);
        byte[] out = new byte[length];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
