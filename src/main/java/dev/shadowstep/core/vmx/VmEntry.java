package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import java.util.Optional;

/** VM entry: the guest-state checks, then loading the guest non-register state (SDM Vol. 3 26.3.1.5, 26.6, 26.7). */
public final class VmEntry {
    private VmEntry() {}

    /** What a VM entry did. */
    public sealed interface Result {}

    /** The checks failed: nothing of the guest is loaded; the exit reason is 0x80000021 (SDM 26.8). */
    public record Failed(CheckFailure failure, Vmcs vmcs) implements Result {}

    /**
     * The guest was loaded.
     *
     * @param guest    the guest at its first boundary
     * @param injected the event injected, when the VM-entry interruption information was valid
     * @param why      what the entry checked and loaded
     */
    public record Entered(CpuState guest, Vmcs vmcs, InterruptionInfo injected, String why) implements Result {}

    /** Returns the result of entering {@code g} with {@code v}. */
    public static Result enter(Vmcs v, CpuState g) {
        Optional<CheckFailure> failure = GuestStateChecks.firstFailure(v, g);
        if (failure.isPresent()) {
            return new Failed(failure.get(), v.withExit(Vmcs.ENTRY_FAILURE_GUEST_STATE, 0, 0, 0));
        }
        InterruptionInfo injection = v.entryInjection();
        // Bochs vmx.cc: B0-B3 become pending only with bit 12 (an enabled breakpoint); BS always.
        long pending = (v.pendingDbg() & Vmcs.PENDING_BS)
                | ((v.pendingDbg() & Vmcs.PENDING_ENABLED_BP) != 0 ? v.pendingDbg() & Vmcs.PENDING_B_MASK : 0);
        boolean vectoring = injection.valid();
        boolean keep = !vectoring || keepsPendingDebugExceptions(injection, v.interruptibility());
        // A vectoring entry ends in the active state with no STI or MOV SS blocking (SDM 26.6.1, 26.6.2).
        CpuState loaded = g.toBuilder()
                .shadow(vectoring ? Shadow.NONE : VmExits.shadowOf(v.interruptibility()))
                .nmiBlocked((v.interruptibility() & Vmcs.INTR_NMI) != 0)
                .activity(!vectoring && v.activityState() == Vmcs.HLT ? Activity.HLT : Activity.ACTIVE)
                .pendingDb(keep ? pending : 0)
                .build();
        return new Entered(loaded, v, vectoring ? injection : null, why(v, g, injection, keep ? pending : 0));
    }

    /**
     * Returns whether a vectoring entry keeps the pending debug exceptions (SDM 26.6.3): only the
     * injection of a software interrupt, or of a software exception with vector 3 (#BP) or 4 (#OF),
     * with blocking by MOV SS; they are then treated as if INT n / INT3 / INTO ran after a MOV SS that
     * hit a debug trap, i.e. delivered before the handler's first instruction. The SDM leaves other
     * software exceptions ("may be lost or delivered") and software injections without MOV SS
     * blocking open; the model drops them, as for every other vectoring entry.
     */
    static boolean keepsPendingDebugExceptions(InterruptionInfo injection, long interruptibility) {
        if ((interruptibility & Vmcs.INTR_MOV_SS) == 0) return false;
        return switch (injection.type()) {
            case SOFTWARE_INTERRUPT -> true;
            case SOFTWARE_EXCEPTION -> injection.vector() == 3 || injection.vector() == 4;
            default -> false;
        };
    }

    private static String why(Vmcs v, CpuState g, InterruptionInfo injection, long pending) {
        StringBuilder w = new StringBuilder("VM entry passes all " + GuestStateChecks.ORDER.size()
                + " checks on the guest non-register state (SDM 26.3.1.5)");
        if (GuestStateChecks.shadowOrHlt(v)) {
            w.append(g.flag(Rflags.TF) ? "; with TF=1 in a shadow or HLT, BS is 1 as required" : "; with TF=0, BS is 0 as required");
        }
        w.append(". It loads interruptibility 0x").append(Long.toHexString(v.interruptibility()))
                .append(" (shadow ").append(VmExits.shadowOf(v.interruptibility()).wireName()).append(")");
        if (injection.valid() && pending != 0) {
            w.append(" and injects ").append(InterruptionInfo.article(injection.describe())).append(injection.describe())
                    .append(" in a MOV SS shadow: it is delivered before any guest instruction, and the pending debug "
                            + "exceptions ").append(Dr6.describe(pending)).append(" are treated as if the INT instruction "
                            + "ran after a MOV SS that hit a debug trap: a #DB before the handler's first instruction "
                            + "(SDM 26.6.3)");
        } else if (injection.valid()) {
            w.append(" and injects ").append(InterruptionInfo.article(injection.describe())).append(injection.describe())
                    .append(": it is delivered before any guest instruction, and pending debug exceptions are not used "
                            + "by this vectoring entry (SDM 26.6.1, 26.6.3)");
        } else if (pending != 0) {
            w.append("; pending debug exceptions ").append(Dr6.describe(pending))
                    .append(" make a #DB pending right after entry, as a trap of the previous instruction (SDM 26.6.3)");
        }
        return w.append('.').toString();
    }
}
