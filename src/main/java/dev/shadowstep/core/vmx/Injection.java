package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.Vectors;

/** Turns a VM-entry injection into the event the guest receives (SDM Vol. 3 26.6). */
public final class Injection {
    private Injection() {}

    /**
     * Returns the event injected by VM-entry interruption information {@code info} into a guest at
     * {@code rip}. Software interrupts and exceptions push RIP plus the VM-entry instruction length;
     * the others push RIP (SDM 26.6.1).
     *
     * @param dbCauses for a #DB, the DR6-style causes the VMM put into DR6 (for the trace), else 0
     * @param why      the sentence for the trace
     */
    public static Interruption toInterruption(InterruptionInfo info, long rip, int errorCode, int instructionLength,
                                              long dbCauses, String why) {
        int vector = info.vector();
        int code = info.deliverErrorCode() ? errorCode : -1;
        long next = rip + instructionLength;
        Interruption.Source source;
        long pushed = rip;
        switch (info.type()) {
            case EXTERNAL_INTERRUPT -> source = Interruption.Source.IRQ;
            case NMI -> source = Interruption.Source.NMI;
            case HARDWARE_EXCEPTION -> source = vector == CpuFault.DB ? Interruption.Source.DEBUG_TRAP
                    : vector == CpuFault.BP ? Interruption.Source.INT3 : Interruption.Source.FAULT;
            case PRIVILEGED_SOFTWARE_EXCEPTION -> {
                source = Interruption.Source.ICEBP;
                pushed = next;
            }
            case SOFTWARE_EXCEPTION -> {
                source = vector == CpuFault.BP ? Interruption.Source.INT3 : Interruption.Source.INT_N;
                pushed = next;
            }
            case SOFTWARE_INTERRUPT -> {
                source = Interruption.Source.INT_N;
                pushed = next;
            }
            default -> throw new IllegalArgumentException("cannot inject a " + info.type().words()
                    + " (" + Vectors.mnemonic(vector) + ")");
        }
        return new Interruption(source, vector, code, pushed, dbCauses, 0, why, true);
    }
}
