package tansa.containment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FirewallTest {
    @Test
    void addressesAreRewrittenFromTheirBytes() {
        assertEquals("2001:db8:bad::/48", Firewall.element("2001:0DB8:0bad:0000::/48"));
        assertEquals("10.1.0.0/24", Firewall.element("10.1.0.77/24"));
        assertEquals("::1", Firewall.element("0:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", Firewall.element("2001:db8:0:0:1:0:0:1"));
        assertEquals("fe80::", Firewall.element("fe80:0:0:0:0:0:0:0"));
        assertEquals("1.2.3.4", Firewall.element("::ffff:1.2.3.4"));
        assertEquals(null, Firewall.element("1.2.3.4; flush ruleset"));
        assertEquals(null, Firewall.element("10.0.0.0/33"));
    }

    @Test
    void commentsKeepOnlySafeCharacters() {
        assertEquals("EVIL__ flush ruleset_ __x__", Firewall.safe("EVIL\"; flush ruleset; #`x`\n"));
    }
}
