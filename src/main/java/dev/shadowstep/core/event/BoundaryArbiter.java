package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.Breakpoints;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;

import static dev.shadowstep.core.event.Interruption.Source.CODE_BREAKPOINT;
import static dev.shadowstep.core.event.Interruption.Source.DEBUG_TRAP;
import static dev.shadowstep.core.event.Interruption.Source.IRQ;
import static dev.shadowstep.core.event.Interruption.Source.NMI;

/**
 * The one place that decides what happens at an instruction boundary, row by row as in SDM
 * Vol. 3 Table 6-2 ("Priority Among Simultaneous Exceptions and Interrupts"), following the
 * Bochs model ({@code handleAsyncEvent}). Within a row, the if/else order is the priority.
 */
public final class BoundaryArbiter {
    private BoundaryArbiter() {}

    /** Returns the decision without texts: the hot path of the run loop. */
    public static Decision resolve(CpuState s) {
        return resolve(s, true);
    }

    /**
     * Returns the decision without texts.
     *
     * @param nativeInterrupts the CPU itself takes APIC interrupts and NMIs (bare metal, bare VMX); false
     *                         under KVM without APICv, where they exist only in KVM and reach the guest
     *                         by injection on VM entry, so rows 5 and 6 only explain why they wait
     */
    public static Decision resolve(CpuState s, boolean nativeInterrupts) {
        return resolve(s, nativeInterrupts, 0);
    }

    /**
     * Returns the decision without texts in VMX non-root operation, where a VMM armed the VM exits in
     * {@code armedExits} (a mask of {@link BoundaryExit#bit()}s): the verdict is VM_EXIT when one of
     * them is taken at this boundary.
     */
    public static Decision resolve(CpuState s, boolean nativeInterrupts, int armedExits) {
        boolean quiet = s.pendingDb() == 0 && !s.nmiPending() && s.apic().irr().isEmpty()
                && s.activity() == Activity.ACTIVE && (s.dr7() & 0xFF) == 0;
        return quiet && armedExits == 0 ? Decision.PROCEED : decide(s, null, false, nativeInterrupts, armedExits);
    }

    /** Returns the same decision with its why and held lines; {@code next} names the instruction at RIP (e.g. "cli"). */
    public static Decision explain(CpuState s, String next) {
        return decide(s, next, true, true, 0);
    }

    /** Returns the decision with its why and held lines, with interrupts native or not (see {@link #resolve(CpuState, boolean)}). */
    public static Decision explain(CpuState s, String next, boolean nativeInterrupts) {
        return decide(s, next, true, nativeInterrupts, 0);
    }

    private static Decision decide(CpuState s, String next, boolean explain, boolean nativeInterrupts, int armedExits) {
        HeldLines held = explain ? new HeldLines() : null;
        CpuState b = s;
        String wake = null;
        if (s.activity() == Activity.HLT) {
            wake = wakeReason(s);
            if (wake == null) {
                if (explain) Explanations.heldWhileHalted(s, held);
                return new Decision(Decision.Verdict.STAY_HALTED, null, false,
                        explain ? EventRule.STAYS_HALTED.sentence() : null, explain ? held.lines : null,
                        explain ? held.rules : null);
            }
            // Waking from HLT ends it and clears the shadows (Bochs handleWaitForEvent clears inhibit_mask).
            b = s.toBuilder().activity(Activity.ACTIVE).shadow(Shadow.NONE).build();
        }
        Interruption chosen = null;

        // Row 1: hardware reset and machine checks -- not modelled (shadowstep has no such source).
        // Row 2: trap on task switch (TSS T flag, DR6.BT) -- not modelled: IA-32e mode has no hardware task switch.
        // Row 3: FLUSH, STOPCLK, SMI, INIT -- not modelled (no such sources).

        // Row 4: traps on the previous instruction (SDM Table 6-2)
        if (b.pendingDb() != 0) {
            if (b.shadow().blocksDebugTraps()) {
                if (explain) held.add(EventRule.ROW4_TRAP_HELD_MOV_SS, "trap", Explanations.trapName(b.pendingDb()));
            } else {
                long code = Breakpoints.codeMatch(b);
                chosen = new Interruption(DEBUG_TRAP, 1, -1, b.rip(), b.pendingDb() | code, 0,
                        explain ? Explanations.trapWhy(b, code, next, wake) : null);
            }
        }

        // Below row 4 in VMX non-root operation: the VM exits the VMM armed, which a shadow blocks (Bochs
        // handleAsyncEvent); the first that applies is taken (SDM 25.2, 26.7.4-26.7.6).
        if (armedExits != 0 && chosen == null && s.activity() == Activity.ACTIVE && b.shadow() == Shadow.NONE) {
            BoundaryExit exit = boundaryExit(b, armedExits);
            if (exit != null) return Decision.exit(exit);
        }

        if (!nativeInterrupts) {
            // Rows 5 and 6 under KVM without APICv: NMIs and APIC interrupts are KVM's, injected on VM entry.
            if (explain) Explanations.heldByKvm(b, held);
        }

        // Row 5: NMI (SDM Table 6-2)
        if (b.nmiPending() && nativeInterrupts) {
            if (b.nmiBlocked()) {
                if (explain) held.add(EventRule.ROW5_NMI_HELD_BLOCKED);
            } else if (b.shadow().blocksNmi()) {
                if (explain) held.add(EventRule.ROW5_NMI_HELD_SHADOW, "shadow", Explanations.shadowName(b.shadow()));
            } else if (chosen != null) {
                if (explain) held.add(EventRule.ROW5_NMI_HELD_PRIORITY, "event", chosen.title());
            } else {
                chosen = new Interruption(NMI, 2, -1, b.rip(), 0, 0, explain ? Explanations.nmiWhy(wake) : null);
            }
        }

        // Row 6: maskable hardware interrupts (SDM Table 6-2)
        int vector = nativeInterrupts ? b.apic().highestRequest() : -1;
        if (vector >= 0) {
            String irq = explain ? "IRQ 0x" + Integer.toHexString(vector) : null;
            if (!b.flag(Rflags.IF)) {
                if (explain) held.add(EventRule.ROW6_IRQ_HELD_IF, "irq", irq);
            } else if (b.shadow().blocksInterrupts()) {
                if (explain) held.add(b.shadow() == Shadow.STI ? EventRule.ROW6_IRQ_HELD_STI_SHADOW
                        : EventRule.ROW6_IRQ_HELD_MOV_SS_SHADOW, "irq", irq);
            } else if (b.apic().deliverable() < 0) {
                if (explain) held.add(EventRule.ROW6_IRQ_HELD_PRIORITY_CLASS, "irq", irq, "class", String.valueOf(vector >>> 4),
                        "ppr", String.valueOf(b.apic().processorPriorityClass()));
            } else if (chosen != null) {
                if (explain) held.add(EventRule.ROW6_IRQ_HELD_LOWER_PRIORITY, "irq", irq, "event", chosen.title());
            } else {
                chosen = new Interruption(IRQ, vector, -1, b.rip(), 0, 0, explain ? Explanations.irqWhy(b, vector, wake) : null);
            }
        }

        // Row 7: code breakpoint fault (SDM Table 6-2)
        long code = chosen == null ? Breakpoints.codeMatchIgnoringSuppression(b) : 0;
        if (code != 0) {
            if (b.flag(Rflags.RF)) {
                if (explain) held.add(EventRule.ROW7_BREAKPOINT_SUPPRESSED_RF, "breakpoint", Dr6.describe(code));
            } else if (b.shadow().blocksDebugTraps()) {
                if (explain) held.add(EventRule.ROW7_BREAKPOINT_SUPPRESSED_MOV_SS, "breakpoint", Dr6.describe(code));
            } else {
                chosen = new Interruption(CODE_BREAKPOINT, 1, -1, b.rip(), code, 0,
                        explain ? Explanations.codeBreakpointWhy(code, next) : null);
            }
        }

        // Rows 8-10: faults fetching, decoding and executing the next instruction -- raised by the fetch and the Executor.

        if (chosen == null) {
            return explain ? new Decision(Decision.Verdict.PROCEED, null, false, null, held.lines, held.rules)
                    : Decision.PROCEED;
        }
        return new Decision(Decision.Verdict.DELIVER, chosen, wake != null, chosen.why(), explain ? held.lines : null,
                explain ? held.rules : null);
    }

    /** Returns the first armed VM exit that applies: the timer, NMI window (NMIs unblocked), interrupt window (IF=1), host interrupt. */
    private static BoundaryExit boundaryExit(CpuState b, int armed) {
        if ((armed & BoundaryExit.PREEMPTION_TIMER.bit()) != 0) return BoundaryExit.PREEMPTION_TIMER;
        if ((armed & BoundaryExit.NMI_WINDOW.bit()) != 0 && !b.nmiBlocked()) return BoundaryExit.NMI_WINDOW;
        if ((armed & BoundaryExit.INTERRUPT_WINDOW.bit()) != 0 && b.flag(Rflags.IF)) return BoundaryExit.INTERRUPT_WINDOW;
        if ((armed & BoundaryExit.EXTERNAL_INTERRUPT.bit()) != 0) return BoundaryExit.EXTERNAL_INTERRUPT;
        return null;
    }

    /** Returns what wakes a halted CPU (an NMI that is not blocked, or an unmasked IRQ above the priority), or null. */
    private static String wakeReason(CpuState s) {
        if (s.nmiPending() && !s.nmiBlocked()) return "an NMI";
        int v = s.apic().deliverable();
        if (v >= 0 && s.flag(Rflags.IF)) return "IRQ 0x" + Integer.toHexString(v);
        return null;
    }
}
