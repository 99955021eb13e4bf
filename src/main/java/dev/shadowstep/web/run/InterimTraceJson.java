package dev.shadowstep.web.run;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.ListingEntry;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace JSON format (trace-format.md), written by the web layer until the trace
 * writers branch is merged; then this delegates to {@code TraceJson}.
 */
@Component
public class InterimTraceJson implements TraceJsonWriter {

    private static final long TF = 1L << 8, IF = 1L << 9, RF = 1L << 16;

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public String stepJson(Step step) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            step(step, g);
        }
        return out.toString();
    }

    @Override
    public void write(Trace t, OutputStream out) {
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("format", t.format());
            g.writeStringProperty("engine", t.engine());
            g.writeObjectPropertyStart("scenario");
            g.writeStringProperty("title", t.scenario().title());
            if (t.scenario().id() != null) {
                g.writeStringProperty("id", t.scenario().id());
            }
            g.writeEndObject();
            g.writeObjectPropertyStart("symbols");
            for (Map.Entry<String, Long> e : t.symbols().entrySet()) {
                g.writeStringProperty(e.getKey(), hex(e.getValue()));
            }
            g.writeEndObject();
            g.writeArrayPropertyStart("listing");
            for (ListingEntry e : t.listing()) {
                listing(e, g);
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("steps");
            for (int i = 0; i < t.steps().size(); i++) {
                step(t.steps().get(i), g);
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("events");
            for (Event e : t.events()) {
                event(e, g);
            }
            g.writeEndArray();
            g.writeObjectPropertyStart("outcome");
            g.writeStringProperty("status", t.outcome().status().wireName());
            g.writeNumberProperty("step", t.outcome().step());
            g.writeStringProperty("message", t.outcome().message());
            g.writeEndObject();
            g.writeArrayPropertyStart("expectations");
            for (ExpectationResult r : t.expectations()) {
                g.writeStartObject();
                g.writeStringProperty("expect", r.expect());
                g.writeBooleanProperty("ok", r.ok());
                if (r.step() != null) {
                    g.writeNumberProperty("step", r.step());
                }
                optional(g, "message", r.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void listing(ListingEntry e, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("address", hex(e.address()));
        g.writeStringProperty("bytes", HexFormat.of().formatHex(e.bytes()));
        g.writeStringProperty("text", e.text());
        strings(g, "labels", e.labels());
        g.writeNumberProperty("line", e.line());
        g.writeEndObject();
    }

    private static void step(Step s, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("index", s.index());
        g.writeStringProperty("kind", wire(s.kind()));
        g.writeStringProperty("rip", hex(s.rip()));
        optional(g, "label", s.label());
        optional(g, "text", s.text());
        g.writeStringProperty("where", wire(s.where()));
        g.writeName("state");
        state(s.state(), g);
        strings(g, "changed", s.changed());
        optional(g, "why", s.why());
        strings(g, "held", s.held());
        g.writeEndObject();
    }

    /** tf, if and rf are RFLAGS bits 8, 9 and 16 (SDM Vol. 1, 3.4.3). */
    private static void state(State s, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("rip", hex(s.rip()));
        g.writeStringProperty("rflags", hex(s.rflags()));
        g.writeBooleanProperty("tf", (s.rflags() & TF) != 0);
        g.writeBooleanProperty("if", (s.rflags() & IF) != 0);
        g.writeBooleanProperty("rf", (s.rflags() & RF) != 0);
        g.writeStringProperty("shadow", wire(s.shadow()));
        g.writeStringProperty("dr0", hex(s.dr0()));
        g.writeStringProperty("dr1", hex(s.dr1()));
        g.writeStringProperty("dr2", hex(s.dr2()));
        g.writeStringProperty("dr3", hex(s.dr3()));
        g.writeStringProperty("dr6", hex(s.dr6()));
        g.writeStringProperty("dr7", hex(s.dr7()));
        g.writeStringProperty("pending_db", hex(s.pendingDb()));
        vectors(g, "irr", s.irr());
        vectors(g, "isr", s.isr());
        g.writeBooleanProperty("nmi_blocked", s.nmiBlocked());
        g.writeStringProperty("activity", wire(s.activity()));
        if (s.regs() != null) {
            g.writeObjectPropertyStart("regs");
            for (int i = 0; i < s.regs().length && i < State.REG_NAMES.size(); i++) {
                g.writeStringProperty(State.REG_NAMES.get(i), hex(s.regs()[i]));
            }
            g.writeEndObject();
        }
        if (s.vmcs() != null) {
            State.Vmcs v = s.vmcs();
            g.writeObjectPropertyStart("vmcs");
            g.writeStringProperty("interruptibility", hex(v.interruptibility()));
            g.writeStringProperty("pending_dbg", hex(v.pendingDbg()));
            g.writeStringProperty("activity_state", hex(v.activityState()));
            g.writeStringProperty("entry_intr_info", hex(v.entryIntrInfo()));
            g.writeStringProperty("exit_reason", hex(v.exitReason()));
            g.writeStringProperty("exit_qualification", hex(v.exitQualification()));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void event(Event e, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("step", e.step());
        g.writeStringProperty("type", e.type().wireName());
        if (e.vector() != null) {
            g.writeNumberProperty("vector", e.vector());
        }
        optionalHex(g, "at", e.at());
        optional(g, "label", e.label());
        optionalHex(g, "dr6", e.dr6());
        if (e.cause() != null) {
            strings(g, "cause", e.cause());
        }
        optional(g, "via", e.via());
        optional(g, "reason", e.reason());
        optionalHex(g, "qualification", e.qualification());
        optional(g, "check", e.check());
        optional(g, "exit", e.exit());
        if (e.exception() != null) {
            g.writeNumberProperty("exception", e.exception());
        }
        optionalHex(g, "pc", e.pc());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void optionalHex(JsonGenerator g, String name, Long value) {
        if (value != null) {
            g.writeStringProperty(name, hex(value));
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values == null ? List.<String>of() : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void vectors(JsonGenerator g, String name, List<Integer> values) {
        g.writeArrayPropertyStart(name);
        for (int v : values == null ? List.<Integer>of() : values) {
            g.writeString(hex(v));
        }
        g.writeEndArray();
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
