package dev.shadowstep.trace;

import java.util.ArrayList;
import java.util.List;

/** Reads a {@link Step} and its {@link State} back from JSON; tf, if and rf are derived from rflags, so they are not read. */
final class StepJsonReader {

    private StepJsonReader() {}

    static Step step(JsonObjectReader o) {
        return new Step(o.integer("index"), o.wireName("kind", Step.Kind.class), o.hex("rip"),
                o.optionalString("label"), o.optionalString("text"), o.wireName("where", Step.Where.class),
                state(o.object("state")), o.strings("changed"), o.optionalString("why"), o.strings("held"),
                o.optionalString("rule"), o.strings("rules"), writes(o),
                o.present("runs") ? o.wireName("runs", Runner.class) : null, o.optionalInteger("phase"));
    }

    /** Reads {@code writes}; absent (a step that wrote nothing, or a trace written before the field) means none. */
    private static List<Step.Write> writes(JsonObjectReader o) {
        int n = o.items("writes").size();
        List<Step.Write> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonObjectReader w = new JsonObjectReader(o.items("writes").get(i), o.child("writes") + "[" + i + "]", o.where());
            int size = w.integer("size");
            if (size != 1 && size != 2 && size != 4 && size != 8) {
                throw w.error("size", "a write is 1, 2, 4 or 8 bytes, got " + size);
            }
            out.add(new Step.Write(w.hex("address"), size, w.hex("old"), w.hex("new")));
        }
        return out;
    }

    static State state(JsonObjectReader o) {
        return new State(o.hex("rip"), o.hex("rflags"), o.wireName("shadow", State.Shadow.class),
                o.present("regs") ? regs(o.object("regs")) : null,
                o.hex("dr0"), o.hex("dr1"), o.hex("dr2"), o.hex("dr3"), o.hex("dr6"), o.hex("dr7"),
                o.hex("pending_db"), vectors(o, "irr"), vectors(o, "isr"),
                o.bool("nmi_blocked"), o.wireName("activity", State.Activity.class),
                o.present("vmcs") ? vmcs(o.object("vmcs")) : null, o.present("apic") ? apic(o.object("apic")) : null,
                o.present("cr4") ? new State.ControlRegs(o.hex("cr0"), o.hex("cr3"), o.hex("cr4"), o.hex("cr8")) : null);
    }

    /** Reads {@code apic}; absent (mode and timer as at reset, or a trace written before the field) is null. */
    private static State.ApicView apic(JsonObjectReader o) {
        String mode = o.string("mode");
        if (!mode.equals("xapic") && !mode.equals("x2apic")) throw o.error("mode", "the APIC mode is xapic or x2apic, got " + mode);
        JsonObjectReader t = o.object("timer");
        Long firesAt = t.optionalHex("fires_at");
        return new State.ApicView(mode.equals("xapic"), o.hex("tsc"), t.string("mode"), (int) t.hex("lvt"), t.bool("armed"),
                t.hex("initial_count"), t.hex("current_count"), t.integer("divisor"), t.hex("deadline"),
                firesAt == null ? -1 : firesAt);
    }

    private static long[] regs(JsonObjectReader o) {
        long[] regs = new long[State.REG_NAMES.size()];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = o.hex(State.REG_NAMES.get(i));
        }
        return regs;
    }

    private static State.Vmcs vmcs(JsonObjectReader o) {
        return new State.Vmcs(o.hex("interruptibility"), o.hex("pending_dbg"), o.hex("activity_state"),
                o.hex("entry_intr_info"), o.hex("exit_reason"), o.hex("exit_qualification"));
    }

    private static List<Integer> vectors(JsonObjectReader o, String name) {
        List<Long> values = o.hexes(name);
        for (int i = 0; i < values.size(); i++) {
            if (Long.compareUnsigned(values.get(i), 0xff) > 0) {
                throw o.error(name + "[" + i + "]", "a vector is 0x0 to 0xff, got " + Hex.of(values.get(i)));
            }
        }
        return values.stream().map(Long::intValue).toList();
    }
}
