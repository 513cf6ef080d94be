package tansa.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "dump", description = "(not yet available)", mixinStandardHelpOptions = true)
public final class DumpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
