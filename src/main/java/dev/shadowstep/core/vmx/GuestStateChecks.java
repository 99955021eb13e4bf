package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Rflags;
import java.util.List;
import java.util.Optional;

/**
 * The VM-entry checks on the guest non-register state (SDM Vol. 3 26.3.1.5, "Checks on Guest
 * Non-Register State"): activity state, interruptibility state and pending debug exceptions, one
 * method per check, in the SDM's order ({@link #ORDER}). Each reads the VMCS and the guest
 * registers VM entry would load (RFLAGS, IA32_DEBUGCTL, SS). The model's CPU supports the HLT,
 * shutdown and wait-for-SIPI activity states, uses "virtual NMIs" (as KVM does), and has no SMM,
 * SGX or RTM.
 */
public final class GuestStateChecks {
    private GuestStateChecks() {}

    /** One check: empty when it passes. */
    @FunctionalInterface
    public interface Check {
        Optional<CheckFailure> check(Vmcs vmcs, CpuState guest);
    }

    /** The checks in the order VM entry performs them; the first failure is the one reported. */
    public static final List<Check> ORDER = List.of(
            GuestStateChecks::activityStateIsSupported,
            GuestStateChecks::hltNeedsSsDpl0,
            GuestStateChecks::stiOrMovSsBlockingNeedsActiveState,
            GuestStateChecks::injectionFitsActivityState,
            GuestStateChecks::interruptibilityReservedBitsAreZero,
            GuestStateChecks::notBothStiAndMovSsBlocking,
            GuestStateChecks::stiBlockingNeedsIf,
            GuestStateChecks::noStiOrMovSsBlockingWhenInjectingAnInterrupt,
            GuestStateChecks::noMovSsBlockingWhenInjectingAnNmi,
            GuestStateChecks::noSmiBlockingOutsideSmm,
            GuestStateChecks::noNmiBlockingWhenInjectingAVirtualNmi,
            GuestStateChecks::enclaveInterruptionNeedsSgx,
            GuestStateChecks::pendingDebugReservedBitsAreZero,
            GuestStateChecks::bsSetWhenSingleSteppingInAShadowOrHlt,
            GuestStateChecks::bsClearWhenNotSingleSteppingInAShadowOrHlt,
            GuestStateChecks::rtmBitNeedsRtm);

    /** Returns the first failing check, or empty when VM entry may load the guest. */
    public static Optional<CheckFailure> firstFailure(Vmcs vmcs, CpuState guest) {
        for (Check c : ORDER) {
            Optional<CheckFailure> f = c.check(vmcs, guest);
            if (f.isPresent()) return f;
        }
        return Optional.empty();
    }

    // Activity state

    /** SDM 26.3.1.5: the activity-state field must hold a supported value (here 0-3). */
    public static Optional<CheckFailure> activityStateIsSupported(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.ACTIVITY_STATE_IS_SUPPORTED, v.activityState() > Vmcs.WAIT_FOR_SIPI, "activity state: " + v.activityState() + " is not a supported "
                + "value; the supported states are 0 active, 1 HLT, 2 shutdown and 3 wait-for-SIPI (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: the activity state must not be HLT when the DPL of SS is not 0. */
    public static Optional<CheckFailure> hltNeedsSsDpl0(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.HLT_NEEDS_SS_DPL0, v.activityState() == Vmcs.HLT && ssDpl(g) != 0, "activity state: HLT needs SS.DPL = 0, but SS.DPL is "
                + ssDpl(g) + " (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: the activity state must be active when interruptibility shows blocking by STI or MOV SS. */
    public static Optional<CheckFailure> stiOrMovSsBlockingNeedsActiveState(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.STI_OR_MOV_SS_BLOCKING_NEEDS_ACTIVE_STATE, v.shadowBlocking() && v.activityState() != Vmcs.ACTIVE, "activity state: must be active when the "
                + "interruptibility state shows blocking by STI or MOV SS (SDM 26.3.1.5)");
    }

    /**
     * SDM 26.3.1.5: with event injection, the event must be one the activity state allows: HLT takes
     * external interrupts, NMIs, #DB and #MC hardware exceptions and MTF (other event 0); shutdown
     * takes NMIs and #MC; wait-for-SIPI takes none.
     */
    public static Optional<CheckFailure> injectionFitsActivityState(Vmcs v, CpuState g) {
        InterruptionInfo e = v.entryInjection();
        if (!e.valid() || v.activityState() == Vmcs.ACTIVE || v.activityState() > Vmcs.WAIT_FOR_SIPI) return Optional.empty();
        boolean hardware = e.type() == InterruptionInfo.Type.HARDWARE_EXCEPTION;
        boolean allowed = switch ((int) v.activityState()) {
            case (int) Vmcs.HLT -> e.type() == InterruptionInfo.Type.EXTERNAL_INTERRUPT || e.type() == InterruptionInfo.Type.NMI
                    || hardware && (e.vector() == 1 || e.vector() == 18)
                    || e.type() == InterruptionInfo.Type.OTHER_EVENT && e.vector() == 0;
            case (int) Vmcs.SHUTDOWN -> e.type() == InterruptionInfo.Type.NMI || hardware && e.vector() == 18;
            default -> false;
        };
        String state = v.activityState() == Vmcs.HLT ? "HLT" : v.activityState() == Vmcs.SHUTDOWN ? "shutdown" : "wait-for-SIPI";
        return fail(EntryCheckRule.INJECTION_FITS_ACTIVITY_STATE, !allowed, "activity state: " + state + " does not allow injecting " + InterruptionInfo.article(e.describe())
                + e.describe() + "; HLT allows external interrupts, NMIs, #DB, #MC and MTF, shutdown NMIs and #MC, "
                + "wait-for-SIPI nothing (SDM 26.3.1.5)");
    }

    // Interruptibility state

    /** SDM 26.3.1.5: interruptibility bits 31:5 are reserved and must be 0. */
    public static Optional<CheckFailure> interruptibilityReservedBitsAreZero(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.INTERRUPTIBILITY_RESERVED_BITS_ARE_ZERO, (v.interruptibility() & ~0x1FL) != 0, String.format("interruptibility state: reserved bits 31:5 must be "
                + "0, but 0x%x is set (SDM 26.3.1.5)", v.interruptibility() & ~0x1FL));
    }

    /** SDM 26.3.1.5: interruptibility cannot show blocking by both STI and MOV SS. */
    public static Optional<CheckFailure> notBothStiAndMovSsBlocking(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.NOT_BOTH_STI_AND_MOV_SS_BLOCKING, (v.interruptibility() & Vmcs.INTR_SHADOW) == Vmcs.INTR_SHADOW, "interruptibility state: blocking by "
                + "STI and blocking by MOV SS cannot both be set (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: blocking by STI must be 0 when RFLAGS.IF is 0 (only an STI that set IF leaves a shadow). */
    public static Optional<CheckFailure> stiBlockingNeedsIf(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.STI_BLOCKING_NEEDS_IF, (v.interruptibility() & Vmcs.INTR_STI) != 0 && !g.flag(Rflags.IF), "interruptibility state: blocking by "
                + "STI must be 0 when RFLAGS.IF=0 (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: blocking by STI and by MOV SS must both be 0 when injecting an external interrupt. */
    public static Optional<CheckFailure> noStiOrMovSsBlockingWhenInjectingAnInterrupt(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.NO_STI_OR_MOV_SS_BLOCKING_WHEN_INJECTING_AN_INTERRUPT, injecting(v, InterruptionInfo.Type.EXTERNAL_INTERRUPT) && v.shadowBlocking(), "interruptibility state: "
                + "blocking by STI and by MOV SS must both be 0 when injecting an external interrupt (SDM 26.3.1.5)");
    }

    /**
     * SDM 26.3.1.5: blocking by MOV SS must be 0 when injecting an NMI. (Some processors also require
     * blocking by STI to be 0; the model's CPU does not.)
     */
    public static Optional<CheckFailure> noMovSsBlockingWhenInjectingAnNmi(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.NO_MOV_SS_BLOCKING_WHEN_INJECTING_AN_NMI, injecting(v, InterruptionInfo.Type.NMI) && (v.interruptibility() & Vmcs.INTR_MOV_SS) != 0,
                "interruptibility state: blocking by MOV SS must be 0 when injecting an NMI (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: blocking by SMI must be 0 outside SMM (the model has no SMM). */
    public static Optional<CheckFailure> noSmiBlockingOutsideSmm(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.NO_SMI_BLOCKING_OUTSIDE_SMM, (v.interruptibility() & Vmcs.INTR_SMI) != 0, "interruptibility state: blocking by SMI must be 0 when the "
                + "processor is not in SMM (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: with "virtual NMIs", blocking by NMI must be 0 when injecting an NMI. */
    public static Optional<CheckFailure> noNmiBlockingWhenInjectingAVirtualNmi(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.NO_NMI_BLOCKING_WHEN_INJECTING_A_VIRTUAL_NMI, injecting(v, InterruptionInfo.Type.NMI) && (v.interruptibility() & Vmcs.INTR_NMI) != 0,
                "interruptibility state: blocking by NMI must be 0 when injecting an NMI with virtual NMIs "
                + "(SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: enclave interruption needs blocking by MOV SS 0 and SGX, which the model's CPU lacks. */
    public static Optional<CheckFailure> enclaveInterruptionNeedsSgx(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.ENCLAVE_INTERRUPTION_NEEDS_SGX, (v.interruptibility() & Vmcs.INTR_ENCLAVE) != 0, "interruptibility state: enclave interruption (bit 4) "
                + "needs blocking by MOV SS = 0 and a CPU with SGX; this CPU has no SGX (SDM 26.3.1.5)");
    }

    // Pending debug exceptions

    /** SDM 26.3.1.5: pending debug exceptions bits 11:4, 13, 15 and 63:17 are reserved and must be 0. */
    public static Optional<CheckFailure> pendingDebugReservedBitsAreZero(Vmcs v, CpuState g) {
        long reserved = v.pendingDbg() & 0xFFFFFFFFFFFEAFF0L;
        return fail(EntryCheckRule.PENDING_DEBUG_RESERVED_BITS_ARE_ZERO, reserved != 0, String.format("pending debug exceptions: reserved bits 11:4, 13, 15 and 63:17 must be 0, "
                + "but 0x%x is set (SDM 26.3.1.5)", reserved));
    }

    /**
     * SDM 26.3.1.5: with blocking by STI or MOV SS, or activity state HLT, BS (bit 14) must be 1 when
     * RFLAGS.TF=1 and IA32_DEBUGCTL.BTF=0: the previous instruction (STI, MOV SS, HLT) began with TF=1,
     * so its single-step trap must be pending. The check KVM trips after a #DB or #UD exit (KVM commit b9bed78e2fa9).
     */
    public static Optional<CheckFailure> bsSetWhenSingleSteppingInAShadowOrHlt(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.BS_SET_WHEN_SINGLE_STEPPING_IN_A_SHADOW_OR_HLT, shadowOrHlt(v) && singleStepping(g) && (v.pendingDbg() & Vmcs.PENDING_BS) == 0,
                "pending debug exceptions: BS must be 1 when RFLAGS.TF=1, IA32_DEBUGCTL.BTF=0 and the guest is in an STI "
                + "or MOV SS shadow or in HLT (SDM 26.3.1.5)");
    }

    /** SDM 26.3.1.5: with blocking by STI or MOV SS, or activity state HLT, BS must be 0 when TF=0 or BTF=1. */
    public static Optional<CheckFailure> bsClearWhenNotSingleSteppingInAShadowOrHlt(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.BS_CLEAR_WHEN_NOT_SINGLE_STEPPING_IN_A_SHADOW_OR_HLT, shadowOrHlt(v) && !singleStepping(g) && (v.pendingDbg() & Vmcs.PENDING_BS) != 0,
                "pending debug exceptions: BS must be 0 when RFLAGS.TF=0 or IA32_DEBUGCTL.BTF=1 and the guest is in an "
                + "STI or MOV SS shadow or in HLT (SDM 26.3.1.5)");
    }

    /**
     * SDM 26.3.1.5: RTM (bit 16) needs a CPU with RTM (and then bit 12 set, bits 11:0, 15:13, 63:17
     * clear and no MOV SS blocking); the model's CPU has no RTM.
     */
    public static Optional<CheckFailure> rtmBitNeedsRtm(Vmcs v, CpuState g) {
        return fail(EntryCheckRule.RTM_BIT_NEEDS_RTM, (v.pendingDbg() & Vmcs.PENDING_RTM) != 0, "pending debug exceptions: RTM (bit 16) needs a CPU with RTM; "
                + "this CPU has none (SDM 26.3.1.5)");
    }

    private static Optional<CheckFailure> fail(EntryCheckRule rule, boolean failed, String check) {
        return failed ? Optional.of(new CheckFailure(check, rule)) : Optional.empty();
    }

    /** Returns whether the guest is in an STI or MOV SS shadow or in HLT: the BS checks apply. */
    static boolean shadowOrHlt(Vmcs v) {
        return v.shadowBlocking() || v.activityState() == Vmcs.HLT;
    }

    private static boolean singleStepping(CpuState g) {
        return g.flag(Rflags.TF) && (g.debugctl() & Msr.DEBUGCTL_BTF) == 0;
    }

    private static boolean injecting(Vmcs v, InterruptionInfo.Type type) {
        InterruptionInfo e = v.entryInjection();
        return e.valid() && e.type() == type;
    }

    /** SS.DPL: in the flat model the DPL of SS equals its RPL. */
    private static int ssDpl(CpuState g) {
        return g.ss() & 3;
    }
}
