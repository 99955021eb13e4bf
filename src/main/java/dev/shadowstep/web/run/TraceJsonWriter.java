package dev.shadowstep.web.run;

import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.io.OutputStream;
import java.util.List;

/** Writes traces and steps as the trace JSON format (version 1). */
public interface TraceJsonWriter {

    /** Returns one step as a single-line JSON object. */
    String stepJson(Step step);

    /** Writes the whole trace to the stream (which stays open). */
    void write(Trace trace, OutputStream out);

    /** Returns the trace without listing and steps, as JSON: what a stream's {@code end} event carries. */
    default Trace header(Trace t) {
        return new Trace(t.format(), t.engine(), t.scenario(), t.symbols(), List.of(), Steps.of(List.of()),
                t.events(), t.outcome(), t.expectations(), t.findings());
    }
}
