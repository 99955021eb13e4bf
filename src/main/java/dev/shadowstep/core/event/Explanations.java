package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;

/** The sentences the arbiter gives for its decisions: what happened and the rule, with its source. */
final class Explanations {
    private Explanations() {}

    static String shadowName(Shadow s) {
        return s == Shadow.STI ? "STI shadow" : "MOV SS shadow";
    }

    static String trapName(long pending) {
        if (pending == Dr6.BS) return "single-step trap";
        if ((pending & Dr6.BS) == 0) return "data breakpoint trap (" + Dr6.describe(pending) + ")";
        return "debug traps (" + Dr6.describe(pending) + ")";
    }

    /**
     * Returns the why of a row-4 delivery, {@link EventRule#ROW4_DEBUG_TRAP_DELIVERED} filled in: which
     * traps (single-step, data breakpoint, both), an instruction breakpoint reported with them, and
     * whether the STI shadow was there; after HLT, what woke it first.
     */
    static String trapWhy(CpuState b, long code, String next, String wake) {
        long p = b.pendingDb();
        String traps = p == Dr6.BS
                ? "The previous instruction began with TF=1, so its single-step trap is delivered now (DR6.BS, SDM 18.3.1.4)"
                : (p & Dr6.BS) == 0
                ? "The data breakpoint hit by the last memory writes or reads (" + Dr6.describe(p) + ": the previous "
                        + "instruction's, or the frame pushes of the event just delivered) is delivered as a trap #DB (SDM 18.2.5)"
                : "The pending debug traps (" + Dr6.describe(p) + ") are delivered as one #DB (SDM 18.3.1.4, 18.2.5)";
        String withCode = code == 0 ? "" : "; the instruction breakpoint on the next instruction (" + Dr6.describe(code)
                + ") is reported in the same #DB, as hardware does (SDM Table 6-2 note; KVM list, singlestep_with_code_db)";
        String shadow = b.shadow() == Shadow.STI ? "; the STI shadow does not block #DB (SDM 6.8.3; kvm-unit-tests: STI "
                + "blocking doesn't suppress #DBs), so #DB is delivered" : ",";
        String why = EventRule.ROW4_DEBUG_TRAP_DELIVERED.fill(
                "the pending debug traps are delivered as #DB", traps,
                "; an instruction breakpoint on the next instruction is reported in the same #DB", withCode,
                "; the STI shadow does not block #DB, so #DB is delivered", shadow, "the next instruction", next);
        return wake == null ? why : "HLT woke up for " + wake + "; the trap pending from HLT comes first (row 4 beats rows 5 "
                + "and 6, SDM Table 6-2), with RIP after HLT. " + why;
    }

    static String nmiWhy(String wake) {
        return (wake != null ? "HLT woke up for an NMI. " : "") + EventRule.ROW5_NMI_DELIVERED.sentence();
    }

    static String irqWhy(CpuState b, int vector, String wake) {
        return (wake != null ? "HLT woke up for it. " : "") + EventRule.ROW6_IRQ_DELIVERED.fill("irq",
                "IRQ 0x" + Integer.toHexString(vector), "class", String.valueOf(vector >>> 4),
                "ppr", String.valueOf(b.apic().processorPriorityClass()));
    }

    static String codeBreakpointWhy(long code, String next) {
        return EventRule.ROW7_CODE_BREAKPOINT_DELIVERED.fill("breakpoint", Dr6.describe(code), "next", next);
    }

    /** Held lines for NMIs and IRQs that live in KVM (no APICv): they reach the guest only by injection. */
    static void heldByKvm(CpuState s, HeldLines held) {
        String now = !s.flag(Rflags.IF) ? "IF=0 now" : s.shadow() != Shadow.NONE ? "the " + shadowName(s.shadow()) + " blocks it now"
                : "the guest could take it now; interrupt-window exiting brings KVM back to inject it, unless "
                + "userspace set KVM_GUESTDBG_BLOCKIRQ";
        if (s.nmiPending()) {
            held.add(EventRule.KVM_HOLDS_NMI);
        }
        int v = s.apic().highestRequest();
        if (v >= 0) {
            held.add(EventRule.KVM_HOLDS_IRQ, "irq", "IRQ 0x" + Integer.toHexString(v), "now", now);
        }
    }

    static void heldWhileHalted(CpuState s, HeldLines held) {
        if (s.pendingDb() != 0) held.add(EventRule.HALTED_TRAP_HELD, "trap", trapName(s.pendingDb()));
        if (s.nmiPending()) held.add(EventRule.HALTED_NMI_HELD);
        int v = s.apic().highestRequest();
        if (v >= 0) {
            String irq = "IRQ 0x" + Integer.toHexString(v);
            if (!s.flag(Rflags.IF)) {
                held.add(EventRule.HALTED_IRQ_HELD_IF, "irq", irq);
            } else {
                held.add(EventRule.HALTED_IRQ_HELD_PRIORITY, "irq", irq, "class", String.valueOf(v >>> 4),
                        "ppr", String.valueOf(s.apic().processorPriorityClass()));
            }
        }
    }
}
