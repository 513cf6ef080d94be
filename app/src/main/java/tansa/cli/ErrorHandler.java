package tansa.cli;

import picocli.CommandLine;

/**
 * Turns an exception that escaped a command into one line on stderr and exit code 1. A user
 * mistake never shows a stack trace; {@code TANSA_DEBUG=1} prints it for developers.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        String msg = ex.getMessage();
        cl.getErr().println("tansa: " + (msg == null ? ex.getClass().getSimpleName() : TerminalText.escape(msg, 1024)));
        if (System.getenv("TANSA_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return 1;
    }
}
