package dev.shadowstep.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line, without Spring: {@code run}, {@code check}, {@code bench}, {@code help},
 * {@code version}. Exit status: 0 ok, 1 an expectation failed, 2 invalid input or usage,
 * 3 a run ended in an internal error.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    private static final Set<String> COMMANDS = Set.of("run", "check", "bench", "help", "--help", "-h", "version", "--version");

    static final String USAGE = """
            usage: java -jar shadowstep.jar [COMMAND [ARGS]]

              (no command)                     start the web app (http://localhost:8080)
              run FILE [--format json|text]    run one scenario and print its trace (FILE may be -)
              check [--suggest] FILE|DIR...    run scenarios, check their expect blocks, print findings;
                                               --suggest: print an expect block for files without one
              bench [--steps N]                measure the core: steps per second, trace bytes per step
              version                          print the engine version
              help                             print this text

            exit status: 0 ok, 1 an expectation failed, 2 invalid input, 3 internal error
            scenario format: src/docs/scenario-format.md""";

    private Cli() {}

    /** Returns whether {@code arg} names a command line command (anything else starts the web app). */
    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    /** Runs the command in {@code args[0]} and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.run(rest, out, err);
                case "check" -> CheckCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "version", "--version" -> { out.println(dev.shadowstep.run.CoreRun.ENGINE); yield OK; }
                default -> { out.println(USAGE); yield OK; }
            };
        } catch (UsageException e) {
            err.println("shadowstep: " + e.getMessage());
            err.println("run 'java -jar shadowstep.jar help' for the commands");
            return INVALID_INPUT;
        }
    }

    /** A command line that does not make sense; the message says what to write instead. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) { super(message); }
    }
}
