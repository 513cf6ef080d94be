package tansa.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tansa.cli.RulesCheckCommandTest.tansa;

/**
 * The top-level command line: a run builds only the command it names, so help, usage errors and
 * suggestions must still see every command.
 */
class MainTest {
    private static final String[] COMMANDS = {"dump", "hunt", "rules", "scan", "claims", "help"};

    @Test
    void helpListsEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"help"}}) {
            RulesCheckCommandTest.Run r = tansa(args);
            assertEquals(0, r.code(), r.err());
            for (String c : COMMANDS) {
                assertTrue(r.out().contains("\n  " + c + " "), c + " missing from " + String.join(" ", args) + ":\n" + r.out());
            }
        }
    }

    @Test
    void helpOnACommandShowsItsUsage() {
        RulesCheckCommandTest.Run r = tansa("help", "scan");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: tansa scan "), r.out());
    }

    @Test
    void aMisspeltCommandIsAUsageErrorNamingTheNearestOne() {
        RulesCheckCommandTest.Run r = tansa("sacn", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'sacn'"), r.err());
        assertTrue(r.err().contains("scan"), r.err());
    }

    @Test
    void aNamedCommandRunsWithItsOwnOptions() {
        RulesCheckCommandTest.Run r = tansa("claims", "verify", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: tansa claims verify "), r.out());
        assertEquals(2, tansa("scan", "--no-such-option", "x").code());
    }

    @Test
    void eachRegisteredNameIsItsCommandsName() {
        for (java.util.Map.Entry<String, Class<?>> c : Main.COMMANDS) {
            assertEquals(c.getValue().getAnnotation(picocli.CommandLine.Command.class).name(), c.getKey(), c.getValue().getName());
        }
        assertEquals(Main.COMMANDS.size(), Main.COMMANDS.stream().map(java.util.Map.Entry::getKey).distinct().count(), "a name twice");
    }
}
