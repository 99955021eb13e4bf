package dev.shadowstep.trace;

import dev.shadowstep.core.cpu.Rflags;
import java.util.List;

/**
 * The machine state after a step. tf, if and rf are written from rflags.
 *
 * @param regs      the 16 general registers in encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15)
 * @param pendingDb DR6-style bits of a debug trap recognised but not yet delivered (0 = none)
 * @param vmcs      the VMCS guest fields under a hypervisor, else null
 * @param apic      the local APIC's mode and timer, or null while both are as at reset (x2APIC, timer masked and
 *                  idle), so that traces of runs that never touch them are as before
 */
public record State(long rip, long rflags, Shadow shadow, long[] regs,
                    long dr0, long dr1, long dr2, long dr3, long dr6, long dr7,
                    long pendingDb, List<Integer> irr, List<Integer> isr,
                    boolean nmiBlocked, Activity activity, Vmcs vmcs, ApicView apic) {

    /** A state without the APIC view (mode and timer as at reset). */
    public State(long rip, long rflags, Shadow shadow, long[] regs, long dr0, long dr1, long dr2, long dr3, long dr6,
                 long dr7, long pendingDb, List<Integer> irr, List<Integer> isr, boolean nmiBlocked, Activity activity,
                 Vmcs vmcs) {
        this(rip, rflags, shadow, regs, dr0, dr1, dr2, dr3, dr6, dr7, pendingDb, irr, isr, nmiBlocked, activity, vmcs, null);
    }

    public enum Shadow { NONE, STI, MOV_SS }

    /** Returns RFLAGS.TF, the trap flag. */
    public boolean tf() { return (rflags & Rflags.TF) != 0; }

    /** Returns RFLAGS.IF, the interrupt-enable flag. */
    public boolean interruptsEnabled() { return (rflags & Rflags.IF) != 0; }

    /** Returns RFLAGS.RF, the resume flag. */
    public boolean rf() { return (rflags & Rflags.RF) != 0; }

    public enum Activity { ACTIVE, HLT }

    public static final List<String> REG_NAMES = List.of(
            "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");

    /**
     * The local APIC's interface mode and timer after the step (trace-format.md, {@code apic_timer}).
     *
     * @param xapic        the APIC is in xAPIC mode (the MMIO page is decoded); false: x2APIC
     * @param tsc          the time-stamp counter after the step: guest instructions retired, plus the time
     *                     jumped while halted to a timer expiry
     * @param mode         {@code one-shot}, {@code periodic}, {@code tsc-deadline} (or {@code reserved})
     * @param lvt          the LVT timer register
     * @param armed        the timer will fire (counting, or a non-zero deadline in TSC-deadline mode)
     * @param initialCount the initial-count register
     * @param currentCount the current-count register at {@code tsc}
     * @param divisor      instructions retired per count (1-128, from the divide configuration)
     * @param deadline     IA32_TSC_DEADLINE (0: disarmed)
     * @param firesAt      the TSC at which the timer fires next, or -1 when it is not armed
     */
    public record ApicView(boolean xapic, long tsc, String mode, int lvt, boolean armed, long initialCount,
                           long currentCount, long divisor, long deadline, long firesAt) {

        /** Returns the LVT vector. */
        public int vector() { return lvt & 0xFF; }

        /** Returns whether the LVT timer entry is masked. */
        public boolean masked() { return (lvt & (1 << 16)) != 0; }
    }

    /** VMCS guest-state and exit-information fields shown on the timeline. */
    public record Vmcs(long interruptibility, long pendingDbg, long activityState,
                       long entryIntrInfo, long exitReason, long exitQualification) {}
}
