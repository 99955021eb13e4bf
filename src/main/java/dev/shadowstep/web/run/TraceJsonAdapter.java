package dev.shadowstep.web.run;

import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.OutputStream;
import org.springframework.stereotype.Component;

/** The web layer's JSON writer: the trace format as {@link TraceJson} writes it. */
@Component
public class TraceJsonAdapter implements TraceJsonWriter {

    @Override
    public String stepJson(Step step) {
        return TraceJson.stepJson(step);
    }

    @Override
    public void write(Trace trace, OutputStream out) {
        TraceJson.write(trace, out);
    }
}
