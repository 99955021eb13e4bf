package dev.shadowstep.cli;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import dev.shadowstep.trace.TraceText;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code run FILE [--format json|text]}: prints the trace of one scenario. */
final class RunCommand {
    private RunCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String file = null;
        String format = "json";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--format") && i + 1 < args.size()) {
                format = args.get(++i);
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.startsWith("--")) {
                throw new Cli.UsageException("unknown option '" + a + "' for run; the option is --format json|text");
            } else if (file == null) {
                file = a;
            } else {
                throw new Cli.UsageException("run takes one scenario file, got '" + file + "' and '" + a + "'; use check for several");
            }
        }
        if (file == null) throw new Cli.UsageException("run needs a scenario file: run FILE [--format json|text]");
        if (!format.equals("json") && !format.equals("text")) {
            throw new Cli.UsageException("unknown format '" + format + "'; use --format json or --format text");
        }
        String source;
        try {
            source = ScenarioFiles.read(file);
        } catch (IOException e) {
            err.println(file + ": cannot read: " + message(e));
            return Cli.INVALID_INPUT;
        }
        Trace trace;
        try {
            Scenario scenario = ScenarioLoader.load(source);
            trace = ScenarioRunner.run(scenario, null);
        } catch (ScenarioException e) {
            ScenarioFiles.printErrors(file, e.errors(), err);
            return Cli.INVALID_INPUT;
        }
        try {
            if (format.equals("json")) {
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                TraceJson.writePretty(trace, buffered);
                buffered.flush();
                out.println();
            } else {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                TraceText.write(trace, source, w);
                w.flush();
            }
        } catch (IOException e) {
            err.println("shadowstep: cannot write the trace: " + message(e));
            return Cli.INTERNAL_ERROR;
        }
        return trace.outcome().status() == Outcome.Status.ERROR ? Cli.INTERNAL_ERROR : Cli.OK;
    }

    static String message(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    }
}
