package dev.shadowstep.trace;

import dev.shadowstep.core.cpu.Rflags;
import java.util.List;

/**
 * The machine state after a step. tf, if and rf are written from rflags.
 *
 * @param regs      the 16 general registers in encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15)
 * @param pendingDb DR6-style bits of a debug trap recognised but not yet delivered (0 = none)
 * @param vmcs      the VMCS guest fields under a hypervisor, else null
 * @param cr        CR0, CR3, CR4 and CR8 (the guest's view under a hypervisor); null in traces written before
 *                  they were added
 */
public record State(long rip, long rflags, Shadow shadow, long[] regs,
                    long dr0, long dr1, long dr2, long dr3, long dr6, long dr7,
                    long pendingDb, List<Integer> irr, List<Integer> isr,
                    boolean nmiBlocked, Activity activity, Vmcs vmcs, ControlRegs cr) {

    /** A state without control registers (as traces written before they were added). */
    public State(long rip, long rflags, Shadow shadow, long[] regs, long dr0, long dr1, long dr2, long dr3, long dr6,
                 long dr7, long pendingDb, List<Integer> irr, List<Integer> isr, boolean nmiBlocked, Activity activity,
                 Vmcs vmcs) {
        this(rip, rflags, shadow, regs, dr0, dr1, dr2, dr3, dr6, dr7, pendingDb, irr, isr, nmiBlocked, activity, vmcs, null);
    }

    /** CR0, CR3, CR4 and CR8 = TPR[7:4] (SDM Vol. 3A 2.5, 11.8.6). */
    public record ControlRegs(long cr0, long cr3, long cr4, long cr8) {}

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

    /** VMCS guest-state and exit-information fields shown on the timeline. */
    public record Vmcs(long interruptibility, long pendingDbg, long activityState,
                       long entryIntrInfo, long exitReason, long exitQualification) {}
}
