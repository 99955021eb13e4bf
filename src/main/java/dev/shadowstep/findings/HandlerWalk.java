package dev.shadowstep.findings;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One pass over the steps that follows the handler frames: a delivery enters a handler, an IRET
 * returns from the innermost one. It reads only each step's kind and RIP (columns in a recorded
 * run) and builds a state only where a finding may be: before a single-step #DB, at the IRET of
 * an IRQ handler. Finds {@code missing_eoi}, {@code db_in_shadow} and {@code irq_after_iret_shadow}.
 *
 * <p>A handler that leaves by other means than IRET (a jump, HLT for good) keeps its frame, so a
 * later IRET is matched to it; the programs this tool shows return with IRET.
 */
final class HandlerWalk {
    private static final String BS = "BS";

    /** A handler entered and not yet returned from: its delivery, and the shadow a single-step #DB came in. */
    private record Frame(int step, Event event, State.Shadow shadow) {}

    private final Trace trace;
    private final Labels labels;
    private final FindingSink sink;
    /** The steps of the first db_in_shadow and irq_after_iret_shadow notes; later ones point back to them. */
    private final Integer[] firstNote = new Integer[2];

    private HandlerWalk(Trace trace, Labels labels, FindingSink sink) {
        this.trace = trace;
        this.labels = labels;
        this.sink = sink;
    }

    /** Walks {@code trace}, whose run started in {@code initialShadow}, adding findings to {@code sink}. */
    static void walk(Trace trace, State.Shadow initialShadow, Labels labels, FindingSink sink) {
        new HandlerWalk(trace, labels, sink).run(initialShadow);
    }

    private void run(State.Shadow initialShadow) {
        Steps steps = trace.steps();
        IretSites irets = IretSites.of(trace.listing());
        List<Event> events = trace.events();
        Deque<Frame> frames = new ArrayDeque<>();
        Frame shadowDbReturned = null;
        int nextEvent = 0;
        for (int i = 0, size = steps.size(); i < size; i++) {
            Step.Kind kind = steps.kind(i);
            if (kind == Step.Kind.DELIVER) {
                while (nextEvent < events.size() && events.get(nextEvent).step() < i) nextEvent++;
                Event e = deliveredAt(events, nextEvent, i);
                State.Shadow shadow = State.Shadow.NONE;
                if (e != null && e.type() == Event.Type.DB && e.cause() != null && e.cause().contains(BS)) {
                    shadow = i == 0 ? initialShadow : steps.state(i - 1).shadow();
                    if (shadow != State.Shadow.NONE) dbInShadow(i, e, shadow);
                }
                if (shadowDbReturned != null && e != null && e.type() == Event.Type.IRQ) {
                    irqAfterIret(i, e, shadowDbReturned);
                }
                shadowDbReturned = null;
                frames.push(new Frame(i, e, shadow));
            } else if (kind == Step.Kind.INSN) {
                shadowDbReturned = null;
                long rip = steps.rip(i);
                if (frames.isEmpty() || irets.isEmpty() || !irets.contains(rip)) continue;
                Frame f = frames.pop();
                if (f.event() != null && f.event().type() == Event.Type.IRQ && f.event().vector() != null
                        && steps.state(i).isr().contains(f.event().vector())) {
                    missingEoi(i, rip, f);
                }
                if (f.shadow() != State.Shadow.NONE) shadowDbReturned = f;
            }
            // Host steps, VM exits and VM entries leave the guest's handler frames alone.
        }
    }

    /** Returns the guest delivery among the events of step {@code i} (from index {@code from}), or null. */
    private static Event deliveredAt(List<Event> events, int from, int i) {
        for (int k = from; k < events.size() && events.get(k).step() == i; k++) {
            switch (events.get(k).type()) {
                case DB, BP, EXCEPTION, IRQ, NMI -> { return events.get(k); }
                default -> { }
            }
        }
        return null;
    }

    private void missingEoi(int step, long rip, Frame f) {
        int vector = f.event().vector();
        sink.add(step, Finding.Kind.MISSING_EOI, Finding.Severity.WARNING, rip, () -> "The "
                + VectorNames.of(vector) + " handler returns (IRET at " + labels.at(rip) + ") with "
                + Labels.hex(vector) + " still in service: it wrote no EOI (x2APIC MSR 0x80b, SDM Vol. 3A 11.8.5), so "
                + "the local APIC holds every later IRQ of priority class " + Labels.hex(vector >> 4)
                + " or lower.");
    }

    private void dbInShadow(int step, Event e, State.Shadow shadow) {
        Integer first = firstNote[0];
        sink.add(step, Finding.Kind.DB_IN_SHADOW, Finding.Severity.INFO, e.at() == null ? -1 : e.at(),
                () -> dbInShadowText(e, shadow, first));
        if (first == null) firstNote[0] = step;
    }

    private String dbInShadowText(Event e, State.Shadow shadow, Integer first) {
        String at = e.at() == null ? "" : " at " + labels.at(e.at());
        if (first != null) {
            return "Another single-step #DB in " + (shadow == State.Shadow.STI ? "an STI" : "a MOV SS") + " shadow"
                    + at + ": the note at step " + first + " applies.";
        }
        if (shadow == State.Shadow.STI) {
            return "Teaching note: this single-step #DB is delivered" + at + " inside the STI shadow of the "
                    + "instruction before it: the shadow holds maskable interrupts for one instruction but not #DB "
                    + "(SDM Vol. 3A 6.8.3; SDM Vol. 2B STI), and delivering the #DB ends the shadow (SDM Vol. 3A 6.12.1.3), "
                    + "so a pending IRQ can come as soon as the handler's IRET sets IF again, before the "
                    + "instruction" + at + " runs (the STI test of KVM selftest debug_regs.c, commit b8284279b732).";
        }
        return "Teaching note: this single-step #DB is delivered" + at + " inside a MOV SS shadow, which holds "
                + "single-step traps until the next instruction completes (SDM Vol. 3A 6.8.3), so this "
                + "#DB came from outside the guest's own instructions (a VM entry injecting it); its delivery ends "
                + "the shadow (SDM Vol. 3A 6.12.1.3).";
    }

    private void irqAfterIret(int step, Event irq, Frame db) {
        Integer first = firstNote[1];
        sink.add(step, Finding.Kind.IRQ_AFTER_IRET_SHADOW, Finding.Severity.INFO, irq.at() == null ? -1 : irq.at(),
                () -> irqAfterIretText(irq, db, first));
        if (first == null) firstNote[1] = step;
    }

    private String irqAfterIretText(Event irq, Frame db, Integer first) {
        String at = irq.at() == null ? "" : " at " + labels.at(irq.at());
        String name = irq.vector() == null ? "the IRQ" : VectorNames.of(irq.vector());
        String shadow = db.shadow() == State.Shadow.STI ? "an STI" : "a MOV SS";
        if (first != null) {
            return "Again " + name + " is taken" + at + " right after the IRET of a #DB handler whose #DB came in "
                    + shadow + " shadow: the note at step " + first + " applies.";
        }
        return "Teaching note: " + name + " is taken" + at + " right after the #DB handler's IRET, before the "
                + "instruction there runs. The #DB (step " + db.step() + ") was delivered inside " + shadow
                + " shadow and its delivery ended the shadow; IRET restores IF=1 and makes no shadow of its own "
                + "(SDM Vol. 3A 6.12.1.3), so the pending IRQ comes at the very next boundary: the order the "
                + "debug_regs.c STI test expects (KVM selftest debug_regs.c, commit b8284279b732; SDM Vol. 3A 6.8.3).";
    }
}
