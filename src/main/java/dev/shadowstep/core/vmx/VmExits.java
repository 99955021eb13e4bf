package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.Activity;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.cpu.VmExit;

/** What a VM exit saves of the guest and records about itself (SDM Vol. 3 27.2, 27.3.4). */
public final class VmExits {
    private VmExits() {}

    /** The VMCS after an exit and the guest as the host sees it then. */
    public record Saved(Vmcs vmcs, CpuState guest) {}

    /**
     * Returns the VMCS and guest after {@code exit}:
     * <ul>
     * <li>interruptibility from the shadow the guest was in (STI or MOV SS) and NMI blocking;</li>
     * <li>pending debug exceptions saved as 0, except for an exit not caused by a #DB while MOV SS
     *     blocks debug exceptions: then the held B0-B3 (with bit 12) and BS (SDM Vol. 3C 27.3.4). A
     *     #DB that causes the exit is the host's: its causes go into the exit qualification, not the field;</li>
     * <li>activity state HLT or active; the valid bit of the VM-entry interruption information is cleared
     *     (SDM 27.2: every VM exit clears it);</li>
     * <li>the guest keeps its shadow (mirroring the interruptibility field); its recognised debug traps are
     *     gone from the CPU (kept only in the field, when saved).</li>
     * </ul>
     */
    public static Saved save(Vmcs v, CpuState g, VmExit exit) {
        boolean causedByDb = exit.reason() == ExitReason.EXCEPTION_NMI.code() && (exit.interruptionInfo() & 0xFF) == 1;
        long pending = 0;
        if (!causedByDb && g.shadow() == Shadow.MOV_SS && g.pendingDb() != 0) {
            long b = g.pendingDb() & Dr6.B_MASK;
            pending = b | (b != 0 ? Vmcs.PENDING_ENABLED_BP : 0) | (g.pendingDb() & Dr6.BS);
        }
        Vmcs saved = v.withInterruptibility(interruptibility(g, v.interruptibility()))
                .withPendingDbg(pending)
                .withActivityState(g.activity() == Activity.HLT ? Vmcs.HLT : Vmcs.ACTIVE)
                .withEntryIntrInfo(v.entryIntrInfo() & ~InterruptionInfo.VALID)
                .withExit(exit.reason(), exit.qualification(), exit.interruptionInfo(), exit.instructionLength());
        return new Saved(saved, g.withPendingDb(0));
    }

    /** Returns the interruptibility state of a guest: its shadow and NMI blocking, other bits kept. */
    public static long interruptibility(CpuState g, long old) {
        return (old & ~(Vmcs.INTR_SHADOW | Vmcs.INTR_NMI)) | blockingOf(g.shadow()) | (g.nmiBlocked() ? Vmcs.INTR_NMI : 0);
    }

    /** Returns the interruptibility bit of a shadow: blocking by STI, blocking by MOV SS, or 0. */
    public static long blockingOf(Shadow shadow) {
        return switch (shadow) {
            case STI -> Vmcs.INTR_STI;
            case MOV_SS -> Vmcs.INTR_MOV_SS;
            case NONE -> 0;
        };
    }

    /** Returns the shadow an interruptibility state describes (MOV SS wins if both are set). */
    public static Shadow shadowOf(long interruptibility) {
        if ((interruptibility & Vmcs.INTR_MOV_SS) != 0) return Shadow.MOV_SS;
        return (interruptibility & Vmcs.INTR_STI) != 0 ? Shadow.STI : Shadow.NONE;
    }
}
