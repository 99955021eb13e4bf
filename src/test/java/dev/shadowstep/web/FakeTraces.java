package dev.shadowstep.web;

import static dev.shadowstep.web.TraceBuilder.all;
import static dev.shadowstep.web.TraceBuilder.apic;
import static dev.shadowstep.web.TraceBuilder.at;
import static dev.shadowstep.web.TraceBuilder.dr6;
import static dev.shadowstep.web.TraceBuilder.flags;
import static dev.shadowstep.web.TraceBuilder.halted;
import static dev.shadowstep.web.TraceBuilder.pending;
import static dev.shadowstep.web.TraceBuilder.reg;
import static dev.shadowstep.web.TraceBuilder.shadow;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import java.util.List;
import java.util.Map;

/** Traces for web tests, written by hand after the debug_regs.c STI case; not produced by the core. */
public final class FakeTraces {

    private FakeTraces() {}

    static final long TF = 0x100, IF = 0x200, BS = 0x4000;
    static final long DR6_BS = 0xffff4ff0L;

    /** Returns the native-STI half of the debug_regs.c case, 18 steps with a #DB and an IRQ. */
    public static Trace stiShadow(String title) {
        TraceBuilder t = new TraceBuilder(apic(List.of(0xaa), List.of()).apply(TraceBuilder.resetState(0x401000)));
        t.line(0x401000, "9c", "pushf")
                .line(0x401001, "48810c2400010000", "orq $X86_EFLAGS_TF, (%rsp)")
                .line(0x401009, "9d", "popf")
                .line(0x40100a, "fb", "sti")
                .line(0x40100b, "fa", "cli", "fep_sti_start")
                .line(0x40100c, "f4", "hlt")
                .line(0x40100d, "48816424 10fffeffff".replace(" ", ""), "andq $~X86_EFLAGS_TF, 16(%rsp)", "db_handler")
                .line(0x401016, "48cf", "iretq")
                .line(0x401018, "b90b080000", "movl $0x80b, %ecx", "irq_handler")
                .line(0x40101d, "31c0", "xor %eax, %eax")
                .line(0x40101f, "31d2", "xor %edx, %edx")
                .line(0x401021, "0f30", "wrmsr")
                .line(0x401023, "48cf", "iretq");
        t.insn(null, "pushf", at(0x401001), "PUSHF pushes RFLAGS (0x2).")
                .insn(null, "orq $X86_EFLAGS_TF, (%rsp)", at(0x401009), "Sets TF in the saved RFLAGS on the stack.")
                .insn(null, "popf", all(at(0x40100a), flags(0x102)),
                        "POPF sets TF. The single-step trap is taken after the next instruction, not this one (SDM 17.3.1.4).")
                .insn(null, "sti", all(at(0x40100b), flags(0x302), shadow(State.Shadow.STI), pending(BS)),
                        "STI sets IF and blocks interrupts until the next instruction completes (SDM 6.8.3). TF was set, so a single-step trap is pending.",
                        "IRQ 0xaa held: STI shadow")
                .deliver("fep_sti_start", "#DB delivered",
                        all(at(0x40100d), flags(0x2), shadow(State.Shadow.NONE), pending(0), dr6(DR6_BS)),
                        "The single-step trap is not blocked by the STI shadow (SDM 6.8.3), so #DB is delivered before CLI.",
                        new Event(4, Event.Type.DB, 1, 0x40100bL, "fep_sti_start", DR6_BS, List.of("BS"), "native",
                                null, null, null, null, null, null),
                        "IRQ 0xaa held: #DB has priority (SDM Table 6-2)")
                .insn("db_handler", "andq $~X86_EFLAGS_TF, 16(%rsp)", at(0x401016), "Clears TF in the saved RFLAGS.",
                        "IRQ 0xaa held: IF=0")
                .insn("db_handler+9", "iretq", all(at(0x40100b), flags(0x202)), "IRETQ restores RFLAGS with IF=1 and TF=0.")
                .deliver("fep_sti_start", "IRQ 0xaa delivered",
                        all(at(0x401018), flags(0x2), apic(List.of(), List.of(0xaa))),
                        "IF=1 and no shadow: the pending IRQ 0xaa is delivered before CLI (SDM 6.8.1).",
                        new Event(7, Event.Type.IRQ, 0xaa, 0x40100bL, "fep_sti_start", null, null, "native",
                                null, null, null, null, null, null))
                .insn("irq_handler", "movl $0x80b, %ecx", all(at(0x40101d), reg(1, 0x80b)), "Loads the x2APIC EOI MSR number.")
                .insn("irq_handler+5", "xor %eax, %eax", at(0x40101f), "Clears EAX.")
                .insn("irq_handler+7", "xor %edx, %edx", at(0x401021), "Clears EDX.")
                .insn("irq_handler+9", "wrmsr", all(at(0x401023), apic(List.of(), List.of())),
                        "Writing the EOI MSR retires the in-service vector 0xaa.")
                .insn("irq_handler+11", "iretq", all(at(0x40100b), flags(0x202)), "IRETQ returns to CLI with IF=1.")
                .insn("fep_sti_start", "cli", all(at(0x40100c), flags(0x2)), "CLI clears IF.")
                .insn("fep_sti_start+1", "hlt", halted(), "HLT with IF=0 and nothing pending: the run is complete.");
        int last = t.size() - 1;
        return t.build(title, new Outcome(Outcome.Status.COMPLETED, last, "Halted with interrupts disabled and nothing pending."),
                List.of(new ExpectationResult("db at fep_sti_start dr6=0xffff4ff0", true, 4, null),
                        new ExpectationResult("irq 0xaa at fep_sti_start", true, 7, null),
                        new ExpectationResult("outcome completed", true, last, null)));
    }

    /**
     * Returns a trace of n steps built on demand, like the core's lazy steps: a loop that
     * toggles TF every 1000 steps and takes an IRQ every 5000.
     */
    public static Trace longLoop(int n) {
        Steps steps = new Steps() {
            @Override public int size() { return n; }
            @Override public Step get(int i) {
                long rip = 0x401000 + (i % 4);
                long rflags = 0x202 | ((i / 1000) % 2 == 0 ? 0 : TF);
                State s = new State(rip + 1, rflags, i % 7 == 0 ? State.Shadow.STI : State.Shadow.NONE, new long[16],
                        0, 0, 0, 0, 0xffff0ff0L, 0x400, 0, i % 5000 < 3 ? List.of(0xec) : List.of(), List.of(),
                        false, State.Activity.ACTIVE, null);
                return new Step(i, Step.Kind.INSN, rip, "loop+" + (i % 4), "nop", Step.Where.GUEST, s,
                        List.of("rip"), "NOP does nothing.", List.of());
            }
        };
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 5000; i < n; i += 5000) {
            events.add(new Event(i, Event.Type.IRQ, 0xec, 0x401000L, "loop", null, null, "native",
                    null, null, null, null, null, null));
        }
        return new Trace(Trace.FORMAT, "shadowstep test", new Trace.ScenarioRef("long loop", null),
                Map.of("loop", 0x401000L), List.of(), steps, events,
                new Outcome(Outcome.Status.STEP_LIMIT, n - 1, "The run reached max_steps."), List.of(), List.of());
    }
}
