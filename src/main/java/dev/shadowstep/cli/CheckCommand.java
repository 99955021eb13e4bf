package dev.shadowstep.cli;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code check FILE|DIR...}: runs each scenario and reports every {@code expect} item as PASS or
 * FAIL, then a summary line. Exit 1 when any item failed, 2 when any file was invalid.
 */
final class CheckCommand {
    private CheckCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.startsWith("--")) throw new Cli.UsageException("unknown option '" + a + "' for check; check takes files and directories");
        }
        if (args.isEmpty()) throw new Cli.UsageException("check needs scenario files or directories: check FILE|DIR...");
        List<String> files;
        try {
            files = ScenarioFiles.expand(args);
        } catch (IOException e) {
            err.println("shadowstep: cannot list " + args + ": " + e.getMessage());
            return Cli.INVALID_INPUT;
        }
        int passed = 0, failed = 0, invalid = 0, errors = 0;
        for (String file : files) {
            Trace trace;
            try {
                Scenario scenario = ScenarioLoader.load(ScenarioFiles.read(file));
                trace = ScenarioRunner.run(scenario, null);
            } catch (IOException e) {
                err.println(file + ": cannot read: " + RunCommand.message(e));
                invalid++;
                continue;
            } catch (ScenarioException e) {
                out.println(file + ": INVALID (" + e.errors().size() + (e.errors().size() == 1 ? " error)" : " errors)"));
                ScenarioFiles.printErrors(file, e.errors(), err);
                invalid++;
                continue;
            }
            Outcome o = trace.outcome();
            out.println(file + ": " + trace.scenario().title());
            List<ExpectationResult> results = trace.expectations();
            if (results.isEmpty()) {
                out.println("  (no expect block: nothing to check; the run ended " + o.status().wireName() + " at step " + o.step() + ")");
            }
            for (ExpectationResult r : results) {
                if (r.ok()) passed++; else failed++;
                out.println("  " + (r.ok() ? "PASS " : "FAIL ") + r.expect()
                        + (r.step() != null ? "  (step " + r.step() + ")" : "")
                        + (!r.ok() && r.message() != null ? "\n       " + r.message() : ""));
            }
            if (o.status() == Outcome.Status.ERROR) {
                errors++;
                out.println("  ERROR the run ended in an internal error: " + o.message());
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.println(files.size() + (files.size() == 1 ? " file" : " files") + ", " + invalid + " invalid, " + errors + " internal errors");
        if (invalid > 0) return Cli.INVALID_INPUT;
        if (errors > 0) return Cli.INTERNAL_ERROR;
        return failed > 0 ? Cli.EXPECTATION_FAILED : Cli.OK;
    }
}
