package tansa.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the command lands. */
@Command(name = "claims", description = "(not yet available)", mixinStandardHelpOptions = true)
public final class ClaimsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
