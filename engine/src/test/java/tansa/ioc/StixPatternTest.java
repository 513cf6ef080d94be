package tansa.ioc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StixPatternTest {
    private static Pattern.Expr.Compare cmp(IocType t, String... v) {
        return new Pattern.Expr.Compare(t, List.of(v));
    }

    @Test
    void parsesComparisonsInsideAndBetweenObservations() {
        Pattern p = StixPattern.parse("[ipv4-addr:value = '198.51.100.1' OR domain-name:value = 'Evil.Example.'] "
                + "AND ([file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F'] "
                + "OR [file:name = 'C:\\\\Temp\\\\x.exe' AND url:value IN ('http://a.example:80/p/', 'https://b.example')])");
        Pattern.Expr first = new Pattern.Expr.Any(List.of(cmp(IocType.IP, "198.51.100.1"), cmp(IocType.DOMAIN, "evil.example")));
        Pattern.Expr hash = cmp(IocType.SHA256, "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f");
        Pattern.Expr both = new Pattern.Expr.All(List.of(cmp(IocType.FILENAME, "x.exe"),
                cmp(IocType.URL, "http://a.example/p", "https://b.example/")));
        assertEquals(List.of(List.of(first, hash), List.of(first, both)), p.anyOf());
    }

    @Test
    void readsTheObjectPathsProducersWrite() {
        assertEquals(IocType.MD5, only(StixPattern.parse("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']")).type());
        assertEquals(IocType.SHA1, only(StixPattern.parse("[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']")).type());
        assertEquals(IocType.IP, only(StixPattern.parse("[network-traffic:dst_ref.value = '2001:db8::1']")).type());
        assertEquals(List.of("203.0.113.0/24"), only(StixPattern.parse("[ipv4-addr:value ISSUBSET '203.0.113.0/24']")).values());
        assertEquals(List.of("http://x.example/it's"), only(StixPattern.parse("[url:value = 'http://x.example/it\\'s']")).values());
    }

    private static Pattern.Expr.Compare only(Pattern p) {
        return (Pattern.Expr.Compare) p.anyOf().get(0).get(0);
    }

    @Test
    void refusesWhatItCannotMatchNamingItAndWhere() {
        assertMessage("[ipv4-addr:value = '192.0.2.1]", "unterminated string starting at offset 19");
        assertMessage("[ipv4-addr:value = '192.0.2.2'] REPEATS 5 TIMES", "qualifier REPEATS is not supported at offset 32");
        assertMessage("[a:b = 'x'] FOLLOWEDBY [c:d = 'y']", "object path a:b is not supported at offset 1");
        assertMessage("[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '1.2.3.5']", "FOLLOWEDBY is not supported");
        assertMessage("[process:name = 'x.exe']", "object path process:name is not supported");
        assertMessage("[file:name LIKE '%.exe']", "operator LIKE is not supported (only =, IN and ISSUBSET) at offset 11");
        assertMessage("[file:name != 'a.exe']", "operator != is not supported");
        assertMessage("[NOT file:name = 'a.exe']", "NOT is not supported at offset 1");
        assertMessage("[ipv4-addr:value = '999.1.1.1']", "'999.1.1.1' is not an IP address or CIDR range at offset 17");
        assertMessage("[file:hashes.MD5 = 'abc']", "'abc' is not a md5 hash");
        assertMessage("[ipv4-addr:value = '1.2.3.4'", "expected ']' but found the end of the pattern at offset 28");
        assertMessage("ipv4-addr:value = '1.2.3.4'", "expected '[' or '(' but found");
    }

    private static void assertMessage(String pattern, String expected) {
        InvalidIndicatorException e = assertThrows(InvalidIndicatorException.class, () -> StixPattern.parse(pattern));
        assertTrue(e.getMessage().contains(expected), pattern + " -> " + e.getMessage());
    }
}
