package tansa.cli;

import picocli.CommandLine;
import tansa.ioc.IocLoad;
import tansa.ioc.IocLoader;
import tansa.ioc.IocMatcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How every command that takes {@code --ioc} loads indicators: a missing path is a usage error;
 * each indicator, line or file that cannot be used is one escaped line on stderr
 * ({@code tansa: ioc skipped: FILE: indicator--...: pattern: ...}) followed by a count, and the
 * rest is matched; what was left out on purpose (MISP attributes without {@code to_ids}) is a
 * note, silenced by {@code -q}.
 */
final class IocLoading {
    private IocLoading() {
    }

    /** The compiled indicators, or null when no {@code --ioc} was given. */
    static IocMatcher load(CommandLine cl, List<Path> paths, boolean quiet) {
        if (paths.isEmpty()) {
            return null;
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new CommandLine.ParameterException(cl, "no such --ioc file or directory: " + p);
            }
        }
        PrintWriter err = cl.getErr();
        IocLoad load = IocLoader.load(paths);
        for (IocLoad.Problem p : load.problems()) {
            err.println("tansa: ioc skipped: " + TerminalText.escape(p.toString(), 1024));
        }
        if (!quiet) {
            for (IocLoad.Problem p : load.notes()) {
                err.println("tansa: note: " + TerminalText.escape(p.toString(), 1024));
            }
        }
        if (!load.problems().isEmpty()) {
            err.println("tansa: " + load.problems().size() + " indicators or lines could not be used and were skipped; "
                    + load.indicators().size() + " loaded");
        } else if (load.indicators().isEmpty()) {
            err.println("tansa: no indicators in " + paths.size() + (paths.size() == 1 ? " --ioc file" : " --ioc files"));
        }
        err.flush();
        return IocMatcher.compile(load.indicators());
    }

    /** What a decode thread found for one event when rules and indicators both run: each one's result. */
    record Both(Object rules, Object ioc) {
    }
}
