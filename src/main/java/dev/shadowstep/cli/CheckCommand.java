package dev.shadowstep.cli;

import dev.shadowstep.findings.SuggestedExpect;
import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check [--suggest] FILE|DIR...}: runs each scenario and reports every {@code expect} item as
 * PASS or FAIL, then the run's findings as WARN or INFO, then a summary. With {@code --suggest}, a
 * file without {@code expect} also gets the block its run satisfies, ready to paste. Exit 1 when
 * any item failed, 2 when any file was invalid; findings never change the exit status.
 */
final class CheckCommand {
    private CheckCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean suggest = false;
        List<String> paths = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--suggest")) {
                suggest = true;
            } else if (a.startsWith("--")) {
                throw new Cli.UsageException("unknown option '" + a + "' for check; the option is --suggest");
            } else {
                paths.add(a);
            }
        }
        if (paths.isEmpty()) throw new Cli.UsageException("check needs scenario files or directories: check [--suggest] FILE|DIR...");
        List<String> files;
        try {
            files = ScenarioFiles.expand(paths);
        } catch (IOException e) {
            err.println("shadowstep: cannot list " + paths + ": " + e.getMessage());
            return Cli.INVALID_INPUT;
        }
        int passed = 0, failed = 0, invalid = 0, errors = 0, warnings = 0, notes = 0;
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
                out.println("  (no expect block: nothing to check; the run ended " + o.status().wireName() + " at step " + o.step()
                        + (suggest ? ")" : "; check --suggest prints one this run satisfies)"));
            }
            for (ExpectationResult r : results) {
                if (r.ok()) passed++; else failed++;
                out.println("  " + (r.ok() ? "PASS " : "FAIL ") + r.expect()
                        + (r.step() != null ? "  (step " + r.step() + ")" : "")
                        + (!r.ok() && r.message() != null ? "\n       " + r.message() : ""));
            }
            for (Finding f : trace.findings()) {
                if (f.severity() == Finding.Severity.WARNING) warnings++; else notes++;
                if (repeatsALineAbove(f)) continue;
                out.println("  " + (f.severity() == Finding.Severity.WARNING ? "WARN " : "INFO ") + f.kind().wireName()
                        + (f.step() != null ? " (step " + f.step() + ")" : "") + ": " + f.message());
            }
            if (o.status() == Outcome.Status.ERROR) {
                errors++;
                out.println("  ERROR the run ended in an internal error: " + o.message());
            }
            if (suggest && results.isEmpty()) {
                out.println("# suggested expect block for " + file + " (this run satisfies it; paste it into the file):");
                out.print(SuggestedExpect.yaml(trace, trace.symbols()));
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.println(files.size() + (files.size() == 1 ? " file" : " files") + ", " + invalid + " invalid, " + errors + " internal errors");
        out.println("findings: " + warnings + (warnings == 1 ? " warning, " : " warnings, ") + notes + " info");
        if (invalid > 0) return Cli.INVALID_INPUT;
        if (errors > 0) return Cli.INTERNAL_ERROR;
        return failed > 0 ? Cli.EXPECTATION_FAILED : Cli.OK;
    }

    /** Returns whether the finding only restates a FAIL line or the no-expect line printed above it. */
    private static boolean repeatsALineAbove(Finding f) {
        return f.kind() == Finding.Kind.EXPECT_UNMATCHED || f.kind() == Finding.Kind.NO_EXPECT;
    }
}
