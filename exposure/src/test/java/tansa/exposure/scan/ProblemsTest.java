package tansa.exposure.scan;

import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemsTest {
    @Test
    void namesTheRealCauseOfAFileErrorNotJustItsPath() {
        assertEquals("permission denied", Problems.brief(new AccessDeniedException("/share/hr/payroll.xlsx")));
        assertEquals("no such file (removed during the scan?)", Problems.brief(new NoSuchFileException("/share/x")));
        assertEquals("Input/output error", Problems.brief(new FileSystemException("/share/x", null, "Input/output error")));
        assertEquals("a\nb".replace('\n', ' '), Problems.brief(new IllegalStateException("a\nb")));
    }
}
