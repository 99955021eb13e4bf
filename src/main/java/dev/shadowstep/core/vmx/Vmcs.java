package dev.shadowstep.core.vmx;

import dev.shadowstep.core.event.VmcsFields;
import java.util.function.Consumer;

/**
 * The VMCS fields the model uses (SDM Vol. 3 Chapter 24): the guest non-register state, the event
 * injection fields, the VM-execution controls that cause exits, and the exit information. The
 * guest's registers (RIP, RFLAGS, DR7, IA32_DEBUGCTL, SS) are the {@code CpuState}; VM entry checks
 * both together.
 *
 * @param interruptibility       guest interruptibility state ({@link #INTR_STI} ...), SDM Table 24-3
 * @param pendingDbg             guest pending debug exceptions ({@link #PENDING_BS} ...), SDM Table 24-4
 * @param activityState          0 active, 1 HLT, 2 shutdown, 3 wait-for-SIPI
 * @param entryIntrInfo          VM-entry interruption information ({@link InterruptionInfo})
 * @param entryErrorCode         VM-entry exception error code
 * @param entryInstructionLength VM-entry instruction length (software interrupts and exceptions)
 * @param exitReason             basic exit reason, bit 31 set for a failed entry
 * @param exitQualification      exit qualification
 * @param exitIntrInfo           VM-exit interruption information
 * @param exitInstructionLength  VM-exit instruction length
 * @param exceptionBitmap        bit n set: exception vector n causes a VM exit
 * @param procControls           primary processor-based VM-execution controls ({@link #INTERRUPT_WINDOW_EXITING} ...)
 * @param preemptionTimerZero    the VMX-preemption timer is active with value 0: a VM exit before the
 *                               first guest instruction (SDM 26.7)
 */
public record Vmcs(long interruptibility, long pendingDbg, long activityState,
                   long entryIntrInfo, int entryErrorCode, int entryInstructionLength,
                   long exitReason, long exitQualification, long exitIntrInfo, int exitInstructionLength,
                   long exceptionBitmap, long procControls, boolean preemptionTimerZero) {

    /** Interruptibility bit 0: blocking by STI. */
    public static final long INTR_STI = 1L << 0;
    /** Interruptibility bit 1: blocking by MOV SS (and POP SS); also blocks some #DBs. */
    public static final long INTR_MOV_SS = 1L << 1;
    /** Interruptibility bit 2: blocking by SMI. */
    public static final long INTR_SMI = 1L << 2;
    /** Interruptibility bit 3: blocking by NMI (virtual-NMI blocking with "virtual NMIs"). */
    public static final long INTR_NMI = 1L << 3;
    /** Interruptibility bit 4: enclave interruption (SGX). */
    public static final long INTR_ENCLAVE = 1L << 4;
    /** The two interrupt-shadow bits: blocking by STI or by MOV SS. */
    public static final long INTR_SHADOW = INTR_STI | INTR_MOV_SS;

    /** Pending debug exceptions bits 3:0: B0-B3, breakpoint conditions met. */
    public static final long PENDING_B_MASK = 0xFL;
    /** Pending debug exceptions bit 12: at least one matched data or I/O breakpoint was enabled. */
    public static final long PENDING_ENABLED_BP = 1L << 12;
    /** Pending debug exceptions bit 14: BS, a single-step trap is pending. */
    public static final long PENDING_BS = 1L << 14;
    /** Pending debug exceptions bit 16: RTM, a #DB inside an RTM region (positive polarity). */
    public static final long PENDING_RTM = 1L << 16;

    public static final long ACTIVE = 0, HLT = 1, SHUTDOWN = 2, WAIT_FOR_SIPI = 3;

    /** Primary processor-based control bit 2: interrupt-window exiting. */
    public static final long INTERRUPT_WINDOW_EXITING = 1L << 2;
    /** Primary processor-based control bit 7: HLT exiting. */
    public static final long HLT_EXITING = 1L << 7;
    /** Primary processor-based control bit 19: CR8-load exiting (MOV to CR8 exits). */
    public static final long CR8_LOAD_EXITING = 1L << 19;
    /** Primary processor-based control bit 20: CR8-store exiting (MOV from CR8 exits). */
    public static final long CR8_STORE_EXITING = 1L << 20;
    /** Primary processor-based control bit 22: NMI-window exiting. */
    public static final long NMI_WINDOW_EXITING = 1L << 22;
    /** Primary processor-based control bit 23: MOV-DR exiting. */
    public static final long MOV_DR_EXITING = 1L << 23;

    /** Exit reason of a VM-entry failure due to invalid guest state: 33 with bit 31 set. */
    public static final long ENTRY_FAILURE_GUEST_STATE = 0x80000021L;

    /** All fields zero: no blocking, active, nothing injected, no exits enabled. */
    public static final Vmcs EMPTY = new Vmcs(0, 0, ACTIVE, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);

    /** Returns the guest non-register state a scenario writes before the first entry ({@code kind: vmx}). */
    public static Vmcs guestState(long interruptibility, long pendingDbg, long activityState, long entryIntrInfo) {
        return EMPTY.withInterruptibility(interruptibility).withPendingDbg(pendingDbg).withActivityState(activityState)
                .withEntryIntrInfo(entryIntrInfo);
    }

    /** Returns the fields the timeline shows. */
    public VmcsFields fields() {
        return new VmcsFields(interruptibility, pendingDbg, activityState, entryIntrInfo, exitReason, exitQualification);
    }

    /** Returns whether the interruptibility state shows blocking by STI or by MOV SS. */
    public boolean shadowBlocking() {
        return (interruptibility & INTR_SHADOW) != 0;
    }

    /** Returns whether exception {@code vector} causes a VM exit. */
    public boolean intercepts(int vector) {
        return vector < 32 && (exceptionBitmap >>> vector & 1) != 0;
    }

    /** Returns whether the primary processor-based control {@code bit} is set. */
    public boolean control(long bit) {
        return (procControls & bit) != 0;
    }

    /** Returns the VM-entry interruption information, decoded. */
    public InterruptionInfo entryInjection() {
        return InterruptionInfo.decode(entryIntrInfo);
    }

    public Vmcs withInterruptibility(long v) { return copy(c -> c.interruptibility = v); }

    public Vmcs withPendingDbg(long v) { return copy(c -> c.pendingDbg = v); }

    public Vmcs withActivityState(long v) { return copy(c -> c.activityState = v); }

    public Vmcs withEntryIntrInfo(long v) { return copy(c -> c.entryIntrInfo = v); }

    /** Returns this VMCS with an event to inject on the next entry (SDM 24.8.3). */
    public Vmcs withInjection(long intrInfo, int errorCode, int instructionLength) {
        return copy(c -> {
            c.entryIntrInfo = intrInfo;
            c.entryErrorCode = errorCode;
            c.entryInstructionLength = instructionLength;
        });
    }

    /** Returns this VMCS with the exit-information fields of an exit. */
    public Vmcs withExit(long reason, long qualification, long intrInfo, int instructionLength) {
        return copy(c -> {
            c.exitReason = reason;
            c.exitQualification = qualification;
            c.exitIntrInfo = intrInfo;
            c.exitInstructionLength = instructionLength;
        });
    }

    public Vmcs withExceptionBitmap(long v) { return copy(c -> c.exceptionBitmap = v); }

    public Vmcs withProcControls(long v) { return copy(c -> c.procControls = v); }

    /** Returns this VMCS with control {@code bit} set or cleared. */
    public Vmcs withControl(long bit, boolean on) {
        return withProcControls(on ? procControls | bit : procControls & ~bit);
    }

    public Vmcs withPreemptionTimerZero(boolean v) { return copy(c -> c.preemptionTimerZero = v); }

    /** Returns a copy of this VMCS with the fields {@code change} sets: the one place the with-methods build a Vmcs. */
    private Vmcs copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new Vmcs(c.interruptibility, c.pendingDbg, c.activityState, c.entryIntrInfo, c.entryErrorCode,
                c.entryInstructionLength, c.exitReason, c.exitQualification, c.exitIntrInfo, c.exitInstructionLength,
                c.exceptionBitmap, c.procControls, c.preemptionTimerZero);
    }

    /** The fields of a Vmcs being copied, each settable once by a with-method. */
    private static final class Copy {
        long interruptibility, pendingDbg, activityState, entryIntrInfo, exitReason, exitQualification, exitIntrInfo;
        long exceptionBitmap, procControls;
        int entryErrorCode, entryInstructionLength, exitInstructionLength;
        boolean preemptionTimerZero;

        Copy(Vmcs v) {
            interruptibility = v.interruptibility; pendingDbg = v.pendingDbg; activityState = v.activityState;
            entryIntrInfo = v.entryIntrInfo; entryErrorCode = v.entryErrorCode; entryInstructionLength = v.entryInstructionLength;
            exitReason = v.exitReason; exitQualification = v.exitQualification; exitIntrInfo = v.exitIntrInfo;
            exitInstructionLength = v.exitInstructionLength; exceptionBitmap = v.exceptionBitmap; procControls = v.procControls;
            preemptionTimerZero = v.preemptionTimerZero;
        }
    }
}
