package dev.shadowstep.trace;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** Writes the small records of a trace: scenario, symbols, listing entries, events, outcome, expectations, findings. */
final class RecordJsonWriter {

    /** Symbols in address order, then by name, so that the output does not depend on the map's order. */
    private static final Comparator<Map.Entry<String, Long>> SYMBOL_ORDER =
            Map.Entry.<String, Long>comparingByValue(Long::compareUnsigned).thenComparing(Map.Entry.comparingByKey());

    private RecordJsonWriter() {}

    static void writeScenario(Trace.ScenarioRef scenario, JsonGenerator g) {
        g.writeStartObject();
        StepJsonWriter.optionalString(g, "title", scenario.title());
        StepJsonWriter.optionalString(g, "id", scenario.id());
        g.writeEndObject();
    }

    static void writeSymbols(Map<String, Long> symbols, JsonGenerator g) {
        g.writeStartObject();
        symbols.entrySet().stream().sorted(SYMBOL_ORDER)
                .forEach(e -> g.writeStringProperty(e.getKey(), Hex.of(e.getValue())));
        g.writeEndObject();
    }

    static void writeListingEntry(ListingEntry entry, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("address", Hex.of(entry.address()));
        g.writeStringProperty("bytes", Hex.ofBytes(entry.bytes()));
        StepJsonWriter.optionalString(g, "text", entry.text());
        StepJsonWriter.strings(g, "labels", entry.labels());
        g.writeNumberProperty("line", entry.line());
        g.writeEndObject();
    }

    /** Writes only the fields that apply, in the order step, type, vector, at, label, dr6, cause, via, reason, qualification, check, exit, exception, pc, then the later dr7, port, io, size, value. */
    static void writeEvent(Event e, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("step", e.step());
        g.writeStringProperty("type", e.type().wireName());
        optionalNumber(g, "vector", e.vector());
        optionalHex(g, "at", e.at());
        StepJsonWriter.optionalString(g, "label", e.label());
        optionalHex(g, "dr6", e.dr6());
        if (e.cause() != null) {
            StepJsonWriter.strings(g, "cause", e.cause());
        }
        StepJsonWriter.optionalString(g, "via", e.via());
        StepJsonWriter.optionalString(g, "reason", e.reason());
        optionalHex(g, "qualification", e.qualification());
        StepJsonWriter.optionalString(g, "check", e.check());
        StepJsonWriter.optionalString(g, "exit", e.exit());
        optionalNumber(g, "exception", e.exception());
        optionalHex(g, "pc", e.pc());
        optionalHex(g, "dr7", e.dr7());
        optionalHex(g, "port", e.port() == null ? null : e.port().longValue());
        StepJsonWriter.optionalString(g, "io", e.io());
        optionalNumber(g, "size", e.size());
        optionalHex(g, "value", e.value());
        g.writeEndObject();
    }

    static void writeOutcome(Outcome outcome, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("status", outcome.status().wireName());
        g.writeNumberProperty("step", outcome.step());
        StepJsonWriter.optionalString(g, "message", outcome.message());
        g.writeEndObject();
    }

    static void writeExpectation(ExpectationResult result, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("expect", result.expect());
        g.writeBooleanProperty("ok", result.ok());
        optionalNumber(g, "step", result.step());
        StepJsonWriter.optionalString(g, "message", result.message());
        g.writeEndObject();
    }

    /** Writes a finding as {@code {"step": 12, "kind": "missing_eoi", "severity": "warning", "message": "..."}}; no step when it is about the whole run. */
    static void writeFinding(Finding finding, JsonGenerator g) {
        g.writeStartObject();
        optionalNumber(g, "step", finding.step());
        g.writeStringProperty("kind", finding.kind().wireName());
        g.writeStringProperty("severity", finding.severity().wireName());
        g.writeStringProperty("message", finding.message());
        g.writeEndObject();
    }

    /** Writes each item of a list with {@code writer}, as a JSON array named {@code name}. */
    static <T> void array(JsonGenerator g, String name, List<T> items, java.util.function.BiConsumer<T, JsonGenerator> writer) {
        g.writeArrayPropertyStart(name);
        for (T item : items) {
            writer.accept(item, g);
        }
        g.writeEndArray();
    }

    private static void optionalNumber(JsonGenerator g, String name, Integer value) {
        if (value != null) {
            g.writeNumberProperty(name, value.intValue());
        }
    }

    private static void optionalHex(JsonGenerator g, String name, Long value) {
        if (value != null) {
            g.writeStringProperty(name, Hex.of(value));
        }
    }
}
