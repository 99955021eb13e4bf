package dev.shadowstep.trace;

import static dev.shadowstep.trace.TraceBuilder.Machine.RAX;
import static dev.shadowstep.trace.TraceBuilder.Machine.RCX;
import static dev.shadowstep.trace.TraceBuilder.Machine.RDX;
import static dev.shadowstep.trace.TraceBuilder.Machine.RSP;
import static dev.shadowstep.trace.TraceBuilder.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made traces mimicking the STI test of KVM's debug_regs.c: a #DB at fep_sti_start with
 * DR6 0xffff4ff0, IRQ 0xaa at fep_sti_start, a #DB at fep_sti_end; and the emulated-STI half
 * under KVM on VMX. The values follow semantics.md, conformance cases 7 and 8.
 */
final class StiTraces {

    static final long START = 0x401000, FEP_STI_START = 0x40100b, FEP_STI_END = 0x401017;
    static final long DB_HANDLER = 0x401019, IRQ_HANDLER = 0x401024, STACK_TOP = 0x800000;
    static final long DR6_BS = 0xffff4ff0L;

    private StiTraces() {}

    /** Returns the bare-metal trace: 23 steps, three events, four passing expectations, three findings. */
    static Trace bare() {
        TraceBuilder b = new TraceBuilder(m -> {
            m.rip = START;
            m.regs[RSP] = STACK_TOP;
            m.irr = List.of(0xaa);
        });
        b.insn(START, "start", "pushf", START + 1, m -> m.regs[RSP] -= 8, "Pushes RFLAGS (TF=0).")
         .insn(START + 1, "start+1", "orq $X86_EFLAGS_TF, (%rsp)", START + 9, m -> { },
                 "Sets TF in the saved RFLAGS image.")
         .insn(START + 9, "start+9", "popf", START + 10, m -> { m.rflags = 0x102; m.regs[RSP] += 8; },
                 "POPF sets TF. A single-step trap follows only an instruction that starts with TF=1, "
                 + "so none is raised after this POPF (SDM 17.3.1.4).");
        b.insn(START + 10, "start+10", "sti", FEP_STI_START, m -> {
            m.rflags = 0x302; m.shadow = State.Shadow.STI; m.pendingDb = 0x4000;
        }, "STI sets IF; IF was 0, so interrupts stay blocked until the next instruction completes "
                + "(STI shadow, SDM STI). TF was 1: a single-step trap is pending (DR6.BS).",
                "IRQ 0xaa held: STI shadow");
        deliverDb(b, FEP_STI_START, "fep_sti_start", "IRQ 0xaa held: STI shadow");
        handlerReturn(b, FEP_STI_START, 0x202);
        b.step(Step.Kind.DELIVER, Step.Where.GUEST, FEP_STI_START, "fep_sti_start", "IRQ 0xaa delivered", m -> {
            m.rip = IRQ_HANDLER; m.rflags = 0x2; m.irr = List.of(); m.isr = List.of(0xaa); m.regs[RSP] -= 40;
        }, "IF=1 and no shadow: the pending IRQ 0xaa is delivered at fep_sti_start, before CLI runs "
                + "(SDM 6.8.1). The interrupt gate clears IF.")
         .event(Event.Type.IRQ, 0xaa, FEP_STI_START, "fep_sti_start", null, null, "native", null, null);
        b.insn(IRQ_HANDLER, "irq_handler", "movl $0x80b, %ecx", IRQ_HANDLER + 5, m -> m.regs[RCX] = 0x80b,
                        "Selects the x2APIC EOI MSR.")
         .insn(IRQ_HANDLER + 5, "irq_handler+5", "xor %eax, %eax", IRQ_HANDLER + 7,
                 m -> { m.regs[RAX] = 0; m.rflags = 0x46; }, "Clears EAX; sets ZF and PF.")
         .insn(IRQ_HANDLER + 7, "irq_handler+7", "xor %edx, %edx", IRQ_HANDLER + 9, m -> m.regs[RDX] = 0,
                 "Clears EDX.")
         .insn(IRQ_HANDLER + 9, "irq_handler+9", "wrmsr", IRQ_HANDLER + 11, m -> m.isr = List.of(),
                 "Writing 0 to the x2APIC EOI MSR (0x80b) retires the in-service vector 0xaa.")
         .insn(IRQ_HANDLER + 11, "irq_handler+11", "iretq", FEP_STI_START,
                 m -> { m.rflags = 0x202; m.regs[RSP] += 40; }, "IRETQ returns to fep_sti_start with IF=1.")
         .insn(FEP_STI_START, "fep_sti_start", "cli", FEP_STI_START + 1, m -> m.rflags = 0x2, "CLI clears IF.")
         .insn(FEP_STI_START + 1, "fep_sti_start+1", "pushf", FEP_STI_START + 2, m -> m.regs[RSP] -= 8,
                 "Pushes RFLAGS (TF=0).")
         .insn(FEP_STI_START + 2, "fep_sti_start+2", "orq $X86_EFLAGS_TF, (%rsp)", FEP_STI_START + 10,
                 m -> { }, "Sets TF in the saved RFLAGS image.")
         .insn(FEP_STI_START + 10, "fep_sti_start+10", "popf", FEP_STI_START + 11,
                 m -> { m.rflags = 0x102; m.regs[RSP] += 8; }, "POPF sets TF; no trap after it.")
         .insn(FEP_STI_START + 11, "fep_sti_start+11", "sti", FEP_STI_END, m -> {
             m.rflags = 0x302; m.shadow = State.Shadow.STI; m.pendingDb = 0x4000;
         }, "STI opens a shadow; TF was 1, so a single-step trap is pending.");
        deliverDb(b, FEP_STI_END, "fep_sti_end");
        handlerReturn(b, FEP_STI_END, 0x202);
        b.insn(FEP_STI_END, "fep_sti_end", "cli", FEP_STI_END + 1, m -> m.rflags = 0x2, "CLI clears IF.")
         .insn(FEP_STI_END + 1, "fep_sti_end+1", "hlt", FEP_STI_END + 2, m -> m.activity = State.Activity.HLT,
                 "HLT with IF=0 and nothing pending: nothing can wake the CPU, so the run is complete.");
        int end = b.lastIndex();
        return b.build(new Trace.ScenarioRef("Single-step #DB in an STI shadow (bare metal)", "k3x9f2a7qd"),
                bareSymbols(), bareListing(),
                new Outcome(Outcome.Status.COMPLETED, end, "Halted with interrupts off and nothing pending."),
                List.of(new ExpectationResult("db at fep_sti_start dr6=0xffff4ff0", true, 4, null),
                        new ExpectationResult("irq vector=0xaa at fep_sti_start", true, 7, null),
                        new ExpectationResult("db at fep_sti_end", true, 18, null),
                        new ExpectationResult("outcome completed", true, end, null)),
                List.of(new Finding(4, Finding.Kind.DB_IN_SHADOW, Finding.Severity.INFO, "Teaching note: this "
                                + "single-step #DB is delivered at fep_sti_start inside the STI shadow of the "
                                + "instruction before it: the shadow holds maskable interrupts for one instruction "
                                + "but not #DB (SDM Vol. 3A 6.8.3; SDM Vol. 2B STI), and delivering the #DB ends the shadow "
                                + "(SDM Vol. 3A 6.12.1.3), so a pending IRQ can come as soon as the handler's IRET sets "
                                + "IF again, before the instruction at fep_sti_start runs (the STI test of KVM "
                                + "selftest debug_regs.c, commit b8284279b732)."),
                        new Finding(7, Finding.Kind.IRQ_AFTER_IRET_SHADOW, Finding.Severity.INFO, "Teaching note: "
                                + "IRQ 0xaa is taken at fep_sti_start right after the #DB handler's IRET, before the "
                                + "instruction there runs. The #DB (step 4) was delivered inside an STI shadow and "
                                + "its delivery ended the shadow; IRET restores IF=1 and makes no shadow of its own "
                                + "(SDM Vol. 3A 6.12.1.3), so the pending IRQ comes at the very next boundary: the order "
                                + "the debug_regs.c STI test expects (KVM selftest debug_regs.c, commit b8284279b732; SDM Vol. 3A 6.8.3)."),
                        new Finding(18, Finding.Kind.DB_IN_SHADOW, Finding.Severity.INFO, "Another single-step #DB "
                                + "in an STI shadow at fep_sti_end: the note at step 4 applies.")));
    }

    /** A single-step #DB delivered at {@code at}: the handler entry, DR6.BS, IF and TF cleared by the gate. */
    static void deliverDb(TraceBuilder b, long at, String label, String... held) {
        b.step(Step.Kind.DELIVER, Step.Where.GUEST, at, label, "#DB delivered", m -> {
            m.rip = DB_HANDLER; m.rflags = 0x2; m.shadow = State.Shadow.NONE; m.pendingDb = 0;
            m.dr6 = DR6_BS; m.regs[RSP] -= 40;
        }, "The single-step trap is not blocked by the STI shadow (SDM 6.8.3), so #DB is delivered "
                + "before the next instruction. The interrupt gate clears IF and TF.", held)
         .event(Event.Type.DB, 1, at, label, DR6_BS, List.of("BS"), "native", null, null);
    }

    /** The #DB handler: clear TF in the frame, IRETQ back to {@code to} with RFLAGS {@code rflags}. */
    static void handlerReturn(TraceBuilder b, long to, long rflags) {
        b.insn(DB_HANDLER, "db_handler", "andq $~X86_EFLAGS_TF, 16(%rsp)", DB_HANDLER + 9, m -> { },
                        "Clears TF in the RFLAGS image that IRETQ restores.")
         .insn(DB_HANDLER + 9, "db_handler+9", "iretq", to, m -> { m.rflags = rflags; m.regs[RSP] += 40; },
                 "IRETQ restores RIP and RFLAGS (IF=1, TF=0); IRET opens no interrupt shadow.");
    }

    static Map<String, Long> bareSymbols() {
        Map<String, Long> symbols = new LinkedHashMap<>();
        symbols.put("irq_handler", IRQ_HANDLER);
        symbols.put("db_handler", DB_HANDLER);
        symbols.put("fep_sti_end", FEP_STI_END);
        symbols.put("fep_sti_start", FEP_STI_START);
        symbols.put("start", START);
        return symbols;
    }

    static List<ListingEntry> bareListing() {
        return List.of(
                entry(0x401000, "9c", "pushf", 2, "start"),
                entry(0x401001, "48810c2400010000", "orq $X86_EFLAGS_TF, (%rsp)", 3),
                entry(0x401009, "9d", "popf", 4),
                entry(0x40100a, "fb", "sti", 5),
                entry(0x40100b, "fa", "cli", 7, "fep_sti_start"),
                entry(0x40100c, "9c", "pushf", 8),
                entry(0x40100d, "48810c2400010000", "orq $X86_EFLAGS_TF, (%rsp)", 9),
                entry(0x401015, "9d", "popf", 10),
                entry(0x401016, "fb", "sti", 11),
                entry(0x401017, "fa", "cli", 13, "fep_sti_end"),
                entry(0x401018, "f4", "hlt", 14),
                entry(0x401019, "4881642410fffeffff", "andq $~X86_EFLAGS_TF, 16(%rsp)", 17, "db_handler"),
                entry(0x401022, "48cf", "iretq", 18),
                entry(0x401024, "b90b080000", "movl $0x80b, %ecx", 21, "irq_handler"),
                entry(0x401029, "31c0", "xor %eax, %eax", 22),
                entry(0x40102b, "31d2", "xor %edx, %edx", 23),
                entry(0x40102d, "0f30", "wrmsr", 24),
                entry(0x40102f, "48cf", "iretq", 25));
    }
}
