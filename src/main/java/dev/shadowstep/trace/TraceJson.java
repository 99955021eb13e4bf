package dev.shadowstep.trace;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * Returns and writes traces as JSON, format version 1 (docs/trace-format.md).
 *
 * <p>Writing streams: the steps are fetched one at a time with {@link Steps#get(int)} and
 * written at once, so a run of ten million steps never sits in memory. Field order is the
 * spec's. Register and field values are {@code "0x..."} lower-case hex strings (64-bit values
 * unsigned), counts and indices plain numbers, enums their lower-case wire names. A field
 * that does not apply (null in the model) is left out rather than written as null; lists
 * are always written, empty when there is nothing.
 */
public final class TraceJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
        @Override public PrettyPrinter getPrettyPrinter() { return new DefaultPrettyPrinter(); }
        @Override public boolean hasPrettyPrinter() { return true; }
    };

    private TraceJson() {}

    /** Writes the whole trace as compact JSON to {@code out}; flushes, does not close it. */
    public static void write(Trace trace, OutputStream out) {
        write(trace, out, ObjectWriteContext.empty());
    }

    /** Writes the whole trace as indented JSON (for people and diffs); flushes, does not close {@code out}. */
    public static void writePretty(Trace trace, OutputStream out) {
        write(trace, out, PRETTY);
    }

    /** Returns one step as a single-line JSON object. */
    public static String stepJson(Step step) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
            StepJsonWriter.write(step, g);
        }
        return text.toString();
    }

    /** Returns one event as a single-line JSON object, with only the fields that apply. */
    public static String eventJson(Event event) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
            RecordJsonWriter.writeEvent(event, g);
        }
        return text.toString();
    }

    /**
     * Returns the trace read from JSON written by {@link #write}, with its steps in memory.
     * Unknown fields are skipped (version 1 may grow); tf, if and rf are taken from rflags; a trace
     * written before {@code findings} was added reads with no findings.
     *
     * @throws TraceFormatException naming the field path (and line:column) of the first problem
     */
    public static Trace read(InputStream in) {
        return TraceJsonReader.read(in);
    }

    private static void write(Trace trace, OutputStream out, ObjectWriteContext context) {
        Objects.requireNonNull(trace, "trace");
        try (JsonGenerator g = FACTORY.createGenerator(context, out)) {
            g.writeStartObject();
            g.writeNumberProperty("format", trace.format());
            g.writeStringProperty("engine", trace.engine());
            g.writeName("scenario");
            RecordJsonWriter.writeScenario(trace.scenario(), g);
            g.writeName("symbols");
            RecordJsonWriter.writeSymbols(trace.symbols(), g);
            RecordJsonWriter.array(g, "listing", trace.listing(), RecordJsonWriter::writeListingEntry);
            writeSteps(trace.steps(), g);
            RecordJsonWriter.array(g, "events", trace.events(), RecordJsonWriter::writeEvent);
            g.writeName("outcome");
            RecordJsonWriter.writeOutcome(trace.outcome(), g);
            RecordJsonWriter.array(g, "expectations", trace.expectations(), RecordJsonWriter::writeExpectation);
            RecordJsonWriter.array(g, "findings", trace.findings(), RecordJsonWriter::writeFinding);
            g.writeEndObject();
        }
    }

    private static void writeSteps(Steps steps, JsonGenerator g) {
        g.writeArrayPropertyStart("steps");
        int size = steps.size();
        for (int i = 0; i < size; i++) {
            StepJsonWriter.write(steps.get(i), g);
        }
        g.writeEndArray();
    }
}
