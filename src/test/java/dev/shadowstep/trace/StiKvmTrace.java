package dev.shadowstep.trace;

import static dev.shadowstep.trace.TraceBuilder.Machine.RSP;

import java.util.List;
import java.util.Map;

/**
 * A hand-made trace of the emulated-STI half of the debug_regs.c STI test under KVM on VMX
 * (semantics.md, conformance case 8): KVM_FEP sti with TF=1, the #UD exit, KVM emulating STI
 * and setting PENDING_DBG.BS, the VM entry injecting #DB, and #DB at fep_sti_end.
 */
final class StiKvmTrace {

    static final long START = 0x401000, FEP_STI_END = 0x401010, DB_HANDLER = 0x401012, STACK_TOP = 0x800000;

    private StiKvmTrace() {}

    /** Returns the trace: 11 steps, a vmexit and an injected #DB, one passing and one failing expectation. */
    static Trace build() {
        TraceBuilder b = new TraceBuilder(m -> {
            m.rip = START;
            m.regs[RSP] = STACK_TOP;
            m.vmcs = new State.Vmcs(0, 0, 0, 0, 0, 0);
        });
        b.insn(START, "start", "pushf", START + 1, m -> m.regs[RSP] -= 8, "Pushes RFLAGS (TF=0).")
         .insn(START + 1, "start+1", "orq $X86_EFLAGS_TF, (%rsp)", START + 9, m -> { },
                 "Sets TF in the saved RFLAGS image.")
         .insn(START + 9, "start+9", "popf", START + 10, m -> { m.rflags = 0x102; m.regs[RSP] += 8; },
                 "POPF sets TF; no trap after it (SDM 17.3.1.4).")
         .step(Step.Kind.VMEXIT, Step.Where.HOST, START + 10, "start+10", "VM exit: #UD (KVM_FEP)",
                 m -> m.vmcs = new State.Vmcs(0, 0, 0, 0, 0x0, 0x0),
                 "ud2 raises #UD, which KVM intercepts (exit reason 0x0, exception or NMI); handle_ud() "
                 + "finds the forced-emulation prefix and emulates the instruction after it.")
         .event(Event.Type.VMEXIT, 6, START + 10, "start+10", null, null, null, "exception", 0x0L)
         .step(Step.Kind.HOST, Step.Where.HOST, START + 15, "start+15", "KVM emulates sti", m -> {
             m.rip = FEP_STI_END; m.rflags = 0x302; m.shadow = State.Shadow.STI; m.pendingDb = 0x4000;
             m.vmcs = new State.Vmcs(0x1, 0x4000, 0, 0, 0, 0);
         }, "em_sti() sets IF and STI blocking (toggle_interruptibility). TF was 1, so KVM queues a "
                 + "single-step #DB and sets PENDING_DBG.BS (fix emulated_db_sets_bs).")
         .step(Step.Kind.VMENTRY, Step.Where.HOST, FEP_STI_END, "fep_sti_end", "VM entry, injecting #DB",
                 m -> m.vmcs = new State.Vmcs(0x1, 0x4000, 0, 0x80000301L, 0, 0),
                 "TF=1 with STI blocking needs PENDING_DBG.BS=1 (SDM 26.3.1.5); it is set, so the entry "
                 + "succeeds and delivers the injected #DB.")
         .step(Step.Kind.DELIVER, Step.Where.GUEST, FEP_STI_END, "fep_sti_end", "#DB delivered", m -> {
             m.rip = DB_HANDLER; m.rflags = 0x2; m.shadow = State.Shadow.NONE; m.pendingDb = 0;
             m.dr6 = StiTraces.DR6_BS; m.regs[RSP] -= 40; m.vmcs = new State.Vmcs(0, 0, 0, 0x80000301L, 0, 0);
         }, "The injected #DB is delivered through IDT vector 1 with DR6.BS set; injecting an event "
                 + "clears the STI blocking.")
         .event(Event.Type.DB, 1, FEP_STI_END, "fep_sti_end", StiTraces.DR6_BS, List.of("BS"), "injected", null, null)
         .insn(DB_HANDLER, "db_handler", "andq $~X86_EFLAGS_TF, 16(%rsp)", DB_HANDLER + 9, m -> { },
                 "Clears TF in the RFLAGS image that IRETQ restores.")
         .insn(DB_HANDLER + 9, "db_handler+9", "iretq", FEP_STI_END, m -> { m.rflags = 0x202; m.regs[RSP] += 40; },
                 "IRETQ returns to fep_sti_end with IF=1, TF=0.")
         .insn(FEP_STI_END, "fep_sti_end", "cli", FEP_STI_END + 1, m -> m.rflags = 0x2, "CLI clears IF.")
         .insn(FEP_STI_END + 1, "fep_sti_end+1", "hlt", FEP_STI_END + 2, m -> m.activity = State.Activity.HLT,
                 "HLT with IF=0 and nothing pending: the run is complete.");
        int end = b.lastIndex();
        return b.build(new Trace.ScenarioRef("Emulated STI with TF set (KVM_FEP sti), KVM on VMX", null),
                Map.of("start", START, "fep_sti_end", FEP_STI_END, "db_handler", DB_HANDLER), List.of(),
                new Outcome(Outcome.Status.COMPLETED, end, "Halted with interrupts off and nothing pending."),
                List.of(new ExpectationResult("db at fep_sti_end dr6=0xffff4ff0", true, 6, null),
                        new ExpectationResult("vmentry_failed", false, null, "no vmentry_failed event: the VM "
                                + "entry at step 5 succeeded because KVM set PENDING_DBG.BS; set "
                                + "fixes.emulated_db_sets_bs: false to see the failure")),
                List.of(new Finding(5, Finding.Kind.ENTRY_NEEDS_FIX, Finding.Severity.INFO, "Without "
                                + "fixes.emulated_db_sets_bs this VM entry fails (TF=1 with STI blocking needs "
                                + "PENDING_DBG.BS=1, SDM 26.3.1.5): a re-run with the fix off ends in vmentry_failed "
                                + "at step 5. It passes because of the 2026 fix: KVM refreshes PENDING_DBG.BS on "
                                + "every #DB it injects, emulated STI and MOV SS with TF=1 included (KVM commit "
                                + "c5bad4fa2d5d; SDM Vol. 3C 26.3.1.5)."),
                        new Finding(6, Finding.Kind.DB_IN_SHADOW, Finding.Severity.INFO, "Teaching note: this "
                                + "single-step #DB is delivered at fep_sti_end inside the STI shadow of the "
                                + "instruction before it."),
                        new Finding(null, Finding.Kind.EXPECT_UNMATCHED, Finding.Severity.WARNING, "The expect "
                                + "item expect[1] (line 22) 'vmentry_failed' matched nothing: no vmentry_failed "
                                + "event: the VM entry at step 5 succeeded because KVM set PENDING_DBG.BS")));
    }
}
