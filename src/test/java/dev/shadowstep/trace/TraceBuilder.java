package dev.shadowstep.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Builds hand-made traces for tests: each step edits a copy of the previous state, and {@code changed} is computed. */
final class TraceBuilder {

    /** A mutable copy of {@link State}, so that a step can say only what it changes. */
    static final class Machine {
        long rip;
        long rflags = 0x2;
        State.Shadow shadow = State.Shadow.NONE;
        long[] regs = new long[16];
        long dr0, dr1, dr2, dr3;
        long dr6 = 0xffff0ff0L;
        long dr7 = 0x400;
        long pendingDb;
        List<Integer> irr = List.of();
        List<Integer> isr = List.of();
        boolean nmiBlocked;
        State.Activity activity = State.Activity.ACTIVE;
        State.Vmcs vmcs;

        State freeze() {
            return new State(rip, rflags, shadow, regs.clone(), dr0, dr1, dr2, dr3, dr6, dr7, pendingDb,
                    irr, isr, nmiBlocked, activity, vmcs);
        }

        static final int RAX = 0, RCX = 1, RDX = 2, RSP = 4;
    }

    private final Machine m = new Machine();
    private final List<Step> steps = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private State last;

    TraceBuilder(Consumer<Machine> initial) {
        initial.accept(m);
        last = m.freeze();
    }

    /** Adds a step at {@code rip}; {@code change} edits the machine to the state after it. */
    TraceBuilder step(Step.Kind kind, Step.Where where, long rip, String label, String text,
                      Consumer<Machine> change, String why, String... held) {
        change.accept(m);
        State next = m.freeze();
        steps.add(new Step(steps.size(), kind, rip, label, text, where, next, changed(last, next), why,
                List.of(held)));
        last = next;
        return this;
    }

    /** Adds a guest instruction step that moves RIP to {@code nextRip} and applies {@code change}. */
    TraceBuilder insn(long rip, String label, String text, long nextRip, Consumer<Machine> change,
                      String why, String... held) {
        return step(Step.Kind.INSN, Step.Where.GUEST, rip, label, text, m -> {
            m.rip = nextRip;
            change.accept(m);
        }, why, held);
    }

    /** Adds an event produced by the last step. */
    TraceBuilder event(Event.Type type, Integer vector, Long at, String label, Long dr6, List<String> cause,
                       String via, String reason, Long qualification) {
        events.add(new Event(steps.size() - 1, type, vector, at, label, dr6, cause, via, reason, qualification,
                null, null, null, null));
        return this;
    }

    int lastIndex() {
        return steps.size() - 1;
    }

    Trace build(Trace.ScenarioRef scenario, Map<String, Long> symbols, List<ListingEntry> listing,
                Outcome outcome, List<ExpectationResult> expectations, List<Finding> findings) {
        return new Trace(Trace.FORMAT, "shadowstep 0.1.0", scenario, symbols, listing, Steps.of(List.copyOf(steps)),
                List.copyOf(events), outcome, expectations, findings);
    }

    private static List<String> changed(State a, State b) {
        List<String> names = new ArrayList<>();
        add(names, "rip", a.rip() != b.rip());
        add(names, "rflags", a.rflags() != b.rflags());
        add(names, "tf", a.tf() != b.tf());
        add(names, "if", a.interruptsEnabled() != b.interruptsEnabled());
        add(names, "rf", a.rf() != b.rf());
        add(names, "shadow", a.shadow() != b.shadow());
        add(names, "dr6", a.dr6() != b.dr6());
        add(names, "pending_db", a.pendingDb() != b.pendingDb());
        add(names, "irr", !a.irr().equals(b.irr()));
        add(names, "isr", !a.isr().equals(b.isr()));
        add(names, "activity", a.activity() != b.activity());
        for (int i = 0; i < 16; i++) {
            add(names, State.REG_NAMES.get(i), a.regs()[i] != b.regs()[i]);
        }
        add(names, "vmcs", !Objects.equals(a.vmcs(), b.vmcs()));
        return names;
    }

    private static void add(List<String> names, String name, boolean changed) {
        if (changed) {
            names.add(name);
        }
    }

    /** Returns listing entries from rows of address, hex bytes, text, line and labels. */
    static ListingEntry entry(long address, String bytes, String text, int line, String... labels) {
        return new ListingEntry(address, Hex.parseBytes(bytes), text, Arrays.asList(labels), line);
    }
}
