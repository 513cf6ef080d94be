package tansa.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitsTest {
    @Test
    void readsSizesAsPeopleWriteThem() {
        assertEquals(8L << 30, Units.parseSize("8 GiB"));
        assertEquals(8L << 30, Units.parseSize("8G"));
        assertEquals(8_000_000_000L, Units.parseSize("8GB"));
        assertEquals(1_572_864L, Units.parseSize("1.5MiB"));
        assertEquals(8589934592L, Units.parseSize("8589934592"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("8 parsecs"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize("lots"));
    }

    @Test
    void showsSizesAsPeopleReadThem() {
        assertEquals("8 GiB", Units.size(8L << 30));
        assertEquals("256 MiB", Units.size(256L << 20));
        assertEquals("1.5 KiB", Units.size(1536));
        assertEquals("999 B", Units.size(999));
    }

    @Test
    void readsDurations() {
        assertEquals(Duration.ofSeconds(120), Units.parseDuration("120"));
        assertEquals(Duration.ofMinutes(2), Units.parseDuration("2m"));
        assertEquals(Duration.ofMinutes(90), Units.parseDuration("1h30m"));
        assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("soon"));
    }
}
