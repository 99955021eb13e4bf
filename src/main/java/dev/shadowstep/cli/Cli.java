package dev.shadowstep.cli;

import java.io.PrintStream;
import java.util.Set;

/** The command line: {@code run}, {@code check}, {@code help}. Exit 0 ok, 1 failed expectation, 2 invalid input. */
public final class Cli {

    private static final Set<String> COMMANDS = Set.of("run", "check", "bench", "help", "--help", "-h", "version", "--version");

    private Cli() {}

    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        out.println("shadowstep: commands are being built");
        return 0;
    }
}
