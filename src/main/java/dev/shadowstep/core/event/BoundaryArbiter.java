package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.Breakpoints;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import java.util.ArrayList;
import java.util.List;

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
        boolean quiet = s.pendingDb() == 0 && !s.nmiPending() && s.apic().irr().isEmpty()
                && s.activity() == Activity.ACTIVE && (s.dr7() & 0xFF) == 0;
        return quiet ? Decision.PROCEED : decide(s, null, false, nativeInterrupts);
    }

    /** Returns the same decision with its why and held lines; {@code next} names the instruction at RIP (e.g. "cli"). */
    public static Decision explain(CpuState s, String next) {
        return decide(s, next, true, true);
    }

    /** Returns the decision with its why and held lines, with interrupts native or not (see {@link #resolve(CpuState, boolean)}). */
    public static Decision explain(CpuState s, String next, boolean nativeInterrupts) {
        return decide(s, next, true, nativeInterrupts);
    }

    private static Decision decide(CpuState s, String next, boolean explain, boolean nativeInterrupts) {
        List<String> held = explain ? new ArrayList<>() : null;
        CpuState b = s;
        String wake = null;
        if (s.activity() == Activity.HLT) {
            wake = wakeReason(s);
            if (wake == null) {
                if (explain) Explanations.heldWhileHalted(s, held);
                return new Decision(Decision.Verdict.STAY_HALTED, null, false,
                        explain ? Explanations.STAYS_HALTED : null, held);
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
                if (explain) held.add(Explanations.trapName(b.pendingDb()) + " held: MOV SS shadow (MOV SS blocks "
                        + "debug traps until after the next instruction, then they merge into one #DB; SDM 6.8.3)");
            } else {
                long code = Breakpoints.codeMatch(b);
                chosen = new Interruption(DEBUG_TRAP, 1, -1, b.rip(), b.pendingDb() | code, 0,
                        explain ? Explanations.trapWhy(b, code, next, wake) : null);
            }
        }

        if (!nativeInterrupts) {
            // Rows 5 and 6 under KVM without APICv: NMIs and APIC interrupts are KVM's, injected on VM entry.
            if (explain) Explanations.heldByKvm(b, held);
        }

        // Row 5: NMI (SDM Table 6-2)
        if (b.nmiPending() && nativeInterrupts) {
            if (b.nmiBlocked()) {
                if (explain) held.add("NMI held: NMIs stay blocked from the last NMI delivery until the next IRET (SDM 6.7.1)");
            } else if (b.shadow().blocksNmi()) {
                if (explain) held.add("NMI held: " + Explanations.shadowName(b.shadow())
                        + " (shadowstep follows Bochs: NMI is blocked in both shadows; the SDM leaves STI + NMI to the implementation)");
            } else if (chosen != null) {
                if (explain) held.add("NMI held: lower priority than the " + chosen.title() + " (SDM Table 6-2, row 5 after row 4)");
            } else {
                chosen = new Interruption(NMI, 2, -1, b.rip(), 0, 0, explain ? Explanations.nmiWhy(wake) : null);
            }
        }

        // Row 6: maskable hardware interrupts (SDM Table 6-2)
        int vector = nativeInterrupts ? b.apic().highestRequest() : -1;
        if (vector >= 0) {
            String irq = explain ? "IRQ 0x" + Integer.toHexString(vector) + " held: " : null;
            if (!b.flag(Rflags.IF)) {
                if (explain) held.add(irq + "IF=0");
            } else if (b.shadow().blocksInterrupts()) {
                if (explain) held.add(irq + Explanations.shadowName(b.shadow()) + (b.shadow() == Shadow.STI
                        ? " (blocking by STI lasts one instruction, SDM STI)" : " (blocks interrupts for one instruction, SDM 6.8.3)"));
            } else if (b.apic().deliverable() < 0) {
                if (explain) held.add(irq + "its priority class " + (vector >>> 4) + " is not above the processor priority class "
                        + b.apic().processorPriorityClass() + " (TPR and ISR, SDM 11.8.3.1)");
            } else if (chosen != null) {
                if (explain) held.add(irq + "lower priority than the " + chosen.title() + " (SDM Table 6-2, row 6)");
            } else {
                chosen = new Interruption(IRQ, vector, -1, b.rip(), 0, 0, explain ? Explanations.irqWhy(b, vector, wake) : null);
            }
        }

        // Row 7: code breakpoint fault (SDM Table 6-2)
        long code = chosen == null ? Breakpoints.codeMatchIgnoringSuppression(b) : 0;
        if (code != 0) {
            if (b.flag(Rflags.RF)) {
                if (explain) held.add("instruction breakpoint " + Dr6.describe(code) + " suppressed: RF=1 (SDM 18.3.1.1)");
            } else if (b.shadow().blocksDebugTraps()) {
                if (explain) held.add("instruction breakpoint " + Dr6.describe(code) + " suppressed: MOV SS shadow "
                        + "(Intel ignores instruction breakpoints right after MOV SS, SDM MOV)");
            } else {
                chosen = new Interruption(CODE_BREAKPOINT, 1, -1, b.rip(), code, 0,
                        explain ? Explanations.codeBreakpointWhy(code, next) : null);
            }
        }

        // Rows 8-10: faults fetching, decoding and executing the next instruction -- raised by the fetch and the Executor.

        if (chosen == null) {
            return explain ? new Decision(Decision.Verdict.PROCEED, null, false, null, held) : Decision.PROCEED;
        }
        return new Decision(Decision.Verdict.DELIVER, chosen, wake != null, chosen.why(), held);
    }

    /** Returns what wakes a halted CPU (an NMI that is not blocked, or an unmasked IRQ above the priority), or null. */
    private static String wakeReason(CpuState s) {
        if (s.nmiPending() && !s.nmiBlocked()) return "an NMI";
        int v = s.apic().deliverable();
        if (v >= 0 && s.flag(Rflags.IF)) return "IRQ 0x" + Integer.toHexString(v);
        return null;
    }
}
