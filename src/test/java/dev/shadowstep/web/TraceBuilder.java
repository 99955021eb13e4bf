package dev.shadowstep.web;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.ListingEntry;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds small hand-written traces for web tests: each step changes the state, and "changed" is computed. */
public final class TraceBuilder {

    private final List<ListingEntry> listing = new ArrayList<>();
    private final Map<String, Long> symbols = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private State state;

    public TraceBuilder(State initial) {
        this.state = initial;
    }

    /** Returns the state every test trace starts from: RFLAGS 0x2, DR6 and DR7 at reset values. */
    public static State resetState(long rip) {
        return new State(rip, 0x2, State.Shadow.NONE, new long[16], 0, 0, 0, 0, 0xffff0ff0L, 0x400,
                0, List.of(), List.of(), false, State.Activity.ACTIVE, null);
    }

    public TraceBuilder line(long address, String bytesHex, String text, String... labels) {
        byte[] bytes = java.util.HexFormat.of().parseHex(bytesHex);
        for (String label : labels) {
            symbols.put(label, address);
        }
        listing.add(new ListingEntry(address, bytes, text, List.of(labels), listing.size() + 1));
        return this;
    }

    public TraceBuilder insn(String label, String text, UnaryOperator<State> change, String why, String... held) {
        return step(Step.Kind.INSN, label, text, change, why, held);
    }

    public TraceBuilder deliver(String label, String text, UnaryOperator<State> change, String why, Event event, String... held) {
        events.add(event);
        return step(Step.Kind.DELIVER, label, text, change, why, held);
    }

    private TraceBuilder step(Step.Kind kind, String label, String text, UnaryOperator<State> change, String why, String... held) {
        State before = state;
        state = change.apply(state);
        steps.add(new Step(steps.size(), kind, before.rip(), label, text, Step.Where.GUEST, state,
                changed(before, state), why, List.of(held)));
        return this;
    }

    public int size() {
        return steps.size();
    }

    public Trace build(String title, Outcome outcome, List<ExpectationResult> expectations) {
        return new Trace(Trace.FORMAT, "shadowstep test", new Trace.ScenarioRef(title, null), symbols,
                listing, Steps.of(List.copyOf(steps)), List.copyOf(events), outcome, expectations, List.of());
    }

    static List<String> changed(State a, State b) {
        List<String> names = new ArrayList<>();
        if (a.rip() != b.rip()) names.add("rip");
        if (a.rflags() != b.rflags()) names.add("rflags");
        if (((a.rflags() ^ b.rflags()) & 0x100) != 0) names.add("tf");
        if (((a.rflags() ^ b.rflags()) & 0x200) != 0) names.add("if");
        if (((a.rflags() ^ b.rflags()) & 0x10000) != 0) names.add("rf");
        if (a.shadow() != b.shadow()) names.add("shadow");
        if (a.dr6() != b.dr6()) names.add("dr6");
        if (a.pendingDb() != b.pendingDb()) names.add("pending_db");
        if (!a.irr().equals(b.irr())) names.add("irr");
        if (!a.isr().equals(b.isr())) names.add("isr");
        if (a.nmiBlocked() != b.nmiBlocked()) names.add("nmi_blocked");
        if (a.activity() != b.activity()) names.add("activity");
        for (int i = 0; i < 16; i++) {
            if (a.regs()[i] != b.regs()[i]) names.add(State.REG_NAMES.get(i));
        }
        return names;
    }

    // State "withers" for readable test traces

    public static UnaryOperator<State> at(long rip) {
        return s -> copy(s, rip, s.rflags(), s.shadow(), s.dr6(), s.pendingDb(), s.irr(), s.isr(), s.activity(), s.regs());
    }

    public static UnaryOperator<State> flags(long rflags) {
        return s -> copy(s, s.rip(), rflags, s.shadow(), s.dr6(), s.pendingDb(), s.irr(), s.isr(), s.activity(), s.regs());
    }

    public static UnaryOperator<State> shadow(State.Shadow shadow) {
        return s -> copy(s, s.rip(), s.rflags(), shadow, s.dr6(), s.pendingDb(), s.irr(), s.isr(), s.activity(), s.regs());
    }

    public static UnaryOperator<State> dr6(long dr6) {
        return s -> copy(s, s.rip(), s.rflags(), s.shadow(), dr6, s.pendingDb(), s.irr(), s.isr(), s.activity(), s.regs());
    }

    public static UnaryOperator<State> pending(long bits) {
        return s -> copy(s, s.rip(), s.rflags(), s.shadow(), s.dr6(), bits, s.irr(), s.isr(), s.activity(), s.regs());
    }

    public static UnaryOperator<State> apic(List<Integer> irr, List<Integer> isr) {
        return s -> copy(s, s.rip(), s.rflags(), s.shadow(), s.dr6(), s.pendingDb(), irr, isr, s.activity(), s.regs());
    }

    public static UnaryOperator<State> halted() {
        return s -> copy(s, s.rip(), s.rflags(), s.shadow(), s.dr6(), s.pendingDb(), s.irr(), s.isr(), State.Activity.HLT, s.regs());
    }

    public static UnaryOperator<State> reg(int index, long value) {
        return s -> {
            long[] regs = s.regs().clone();
            regs[index] = value;
            return copy(s, s.rip(), s.rflags(), s.shadow(), s.dr6(), s.pendingDb(), s.irr(), s.isr(), s.activity(), regs);
        };
    }

    @SafeVarargs
    public static UnaryOperator<State> all(UnaryOperator<State>... changes) {
        return s -> {
            State r = s;
            for (UnaryOperator<State> c : changes) {
                r = c.apply(r);
            }
            return r;
        };
    }

    private static State copy(State s, long rip, long rflags, State.Shadow shadow, long dr6, long pending,
                              List<Integer> irr, List<Integer> isr, State.Activity activity, long[] regs) {
        return new State(rip, rflags, shadow, regs, s.dr0(), s.dr1(), s.dr2(), s.dr3(), dr6, s.dr7(), pending,
                irr, isr, s.nmiBlocked(), activity, s.vmcs());
    }
}
