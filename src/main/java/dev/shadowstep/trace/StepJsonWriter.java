package dev.shadowstep.trace;

import java.util.List;
import tools.jackson.core.JsonGenerator;

/** Writes one {@link Step} and its {@link State} in the field order of docs/trace-format.md. */
final class StepJsonWriter {

    private StepJsonWriter() {}

    /**
     * Writes the step as one JSON object: index, kind, rip, label, text, where, runs (a later addition,
     * left out when the step does not say), state, changed, why, held, then the later additions rule,
     * rules, writes and phase, each left out when it has nothing.
     */
    static void write(Step step, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("index", step.index());
        g.writeStringProperty("kind", WireNames.of(step.kind()));
        g.writeStringProperty("rip", Hex.of(step.rip()));
        optionalString(g, "label", step.label());
        optionalString(g, "text", step.text());
        g.writeStringProperty("where", WireNames.of(step.where()));
        if (step.runs() != null) {
            g.writeStringProperty("runs", step.runs().id());
        }
        g.writeName("state");
        writeState(step.state(), g);
        strings(g, "changed", step.changed());
        optionalString(g, "why", step.why());
        strings(g, "held", step.held());
        optionalString(g, "rule", step.rule());
        if (!step.rules().isEmpty()) {
            strings(g, "rules", step.rules());
        }
        if (!step.writes().isEmpty()) {
            g.writeArrayPropertyStart("writes");
            for (Step.Write w : step.writes()) {
                writeWrite(w, g);
            }
            g.writeEndArray();
        }
        if (step.phase() != null) {
            g.writeNumberProperty("phase", step.phase());
        }
        g.writeEndObject();
    }

    /** Writes one memory write: address, size (a number), old and new values. */
    private static void writeWrite(Step.Write w, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("address", Hex.of(w.address()));
        g.writeNumberProperty("size", w.size());
        g.writeStringProperty("old", Hex.of(w.old()));
        g.writeStringProperty("new", Hex.of(w.value()));
        g.writeEndObject();
    }

    /** Writes the state; tf, if and rf are RFLAGS bits 8, 9 and 16 (SDM Vol. 1, 3.4.3). */
    static void writeState(State s, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("rip", Hex.of(s.rip()));
        g.writeStringProperty("rflags", Hex.of(s.rflags()));
        g.writeBooleanProperty("tf", s.tf());
        g.writeBooleanProperty("if", s.interruptsEnabled());
        g.writeBooleanProperty("rf", s.rf());
        g.writeStringProperty("shadow", WireNames.of(s.shadow()));
        g.writeStringProperty("dr0", Hex.of(s.dr0()));
        g.writeStringProperty("dr1", Hex.of(s.dr1()));
        g.writeStringProperty("dr2", Hex.of(s.dr2()));
        g.writeStringProperty("dr3", Hex.of(s.dr3()));
        g.writeStringProperty("dr6", Hex.of(s.dr6()));
        g.writeStringProperty("dr7", Hex.of(s.dr7()));
        g.writeStringProperty("pending_db", Hex.of(s.pendingDb()));
        vectors(g, "irr", s.irr());
        vectors(g, "isr", s.isr());
        g.writeBooleanProperty("nmi_blocked", s.nmiBlocked());
        g.writeStringProperty("activity", WireNames.of(s.activity()));
        if (s.cr() != null) {
            g.writeStringProperty("cr0", Hex.of(s.cr().cr0()));
            g.writeStringProperty("cr3", Hex.of(s.cr().cr3()));
            g.writeStringProperty("cr4", Hex.of(s.cr().cr4()));
            g.writeStringProperty("cr8", Hex.of(s.cr().cr8()));
        }
        if (s.regs() != null) {
            writeRegs(s.regs(), g);
        }
        if (s.vmcs() != null) {
            writeVmcs(s.vmcs(), g);
        }
        if (s.apic() != null) {
            writeApic(s.apic(), g);
        }
        g.writeEndObject();
    }

    /** Writes {@code apic}: the interface mode, the TSC and the timer (trace-format.md, added within version 1). */
    private static void writeApic(State.ApicView a, JsonGenerator g) {
        g.writeObjectPropertyStart("apic");
        g.writeStringProperty("mode", a.xapic() ? "xapic" : "x2apic");
        g.writeStringProperty("tsc", Hex.of(a.tsc()));
        g.writeObjectPropertyStart("timer");
        g.writeStringProperty("mode", a.mode());
        g.writeStringProperty("lvt", Hex.of(a.lvt()));
        g.writeStringProperty("vector", Hex.of(a.vector()));
        g.writeBooleanProperty("masked", a.masked());
        g.writeBooleanProperty("armed", a.armed());
        g.writeStringProperty("initial_count", Hex.of(a.initialCount()));
        g.writeStringProperty("current_count", Hex.of(a.currentCount()));
        g.writeNumberProperty("divisor", a.divisor());
        g.writeStringProperty("deadline", Hex.of(a.deadline()));
        if (a.firesAt() >= 0) g.writeStringProperty("fires_at", Hex.of(a.firesAt()));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeRegs(long[] regs, JsonGenerator g) {
        if (regs.length != State.REG_NAMES.size()) {
            throw new IllegalArgumentException("State.regs has " + regs.length
                    + " registers; the trace format needs 16 (rax, rcx, ..., r15 in encoding order)");
        }
        g.writeObjectPropertyStart("regs");
        for (int i = 0; i < regs.length; i++) {
            g.writeStringProperty(State.REG_NAMES.get(i), Hex.of(regs[i]));
        }
        g.writeEndObject();
    }

    private static void writeVmcs(State.Vmcs v, JsonGenerator g) {
        g.writeObjectPropertyStart("vmcs");
        g.writeStringProperty("interruptibility", Hex.of(v.interruptibility()));
        g.writeStringProperty("pending_dbg", Hex.of(v.pendingDbg()));
        g.writeStringProperty("activity_state", Hex.of(v.activityState()));
        g.writeStringProperty("entry_intr_info", Hex.of(v.entryIntrInfo()));
        g.writeStringProperty("exit_reason", Hex.of(v.exitReason()));
        g.writeStringProperty("exit_qualification", Hex.of(v.exitQualification()));
        g.writeEndObject();
    }

    /** Writes {@code name: value} unless value is null: a field that does not apply is left out. */
    static void optionalString(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    /** Writes a list of strings; a null list is written as empty. */
    static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        if (values != null) {
            for (String v : values) {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static void vectors(JsonGenerator g, String name, List<Integer> vectors) {
        g.writeArrayPropertyStart(name);
        if (vectors != null) {
            for (int v : vectors) {
                g.writeString(Hex.of(v));
            }
        }
        g.writeEndArray();
    }
}
