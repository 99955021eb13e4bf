package dev.shadowstep.cli;

import dev.shadowstep.run.Bench;
import java.io.PrintStream;
import java.util.List;

/** {@code bench [--steps N]}: runs the core's tight-loop benchmark with full trace recording. */
final class BenchCommand {
    private static final int DEFAULT_STEPS = 10_000_000;

    private BenchCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int steps = DEFAULT_STEPS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--steps") && i + 1 < args.size()) {
                steps = parseSteps(args.get(++i));
            } else {
                throw new Cli.UsageException("unknown argument '" + a + "' for bench; usage: bench [--steps N]");
            }
        }
        Bench.run(steps, out);
        return Cli.OK;
    }

    private static int parseSteps(String s) {
        try {
            int n = Integer.parseInt(s.replace("_", ""));
            if (n >= 1 && n <= 100_000_000) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the usage error below
        }
        throw new Cli.UsageException("--steps takes a whole number from 1 to 100000000, got '" + s + "'");
    }
}
