package dev.shadowstep.core.vmx;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.Interruption;

/**
 * The VM exit of an exception whose bit is set in the exception bitmap (SDM 25.2, 27.2.1-27.2.2): exit
 * reason 0, the VM-exit interruption information (type and vector, error code valid), and for #DB the
 * causes in the exit qualification (B0-B3, BD, BS: DR6 itself is not updated), for #PF the address.
 */
public final class ExceptionExit {
    private ExceptionExit() {}

    /** Returns the exit for {@code e}, or null when {@code e} is not an exception (INT n, IRQ, NMI). */
    public static VmExit of(Interruption e) {
        int vector = e.vector();
        return switch (e.source()) {
            case DEBUG_TRAP, CODE_BREAKPOINT, GENERAL_DETECT ->
                    exit(InterruptionInfo.Type.HARDWARE_EXCEPTION, vector, e.dbCauses(), -1, 0);
            case ICEBP -> exit(InterruptionInfo.Type.PRIVILEGED_SOFTWARE_EXCEPTION, vector, 0, -1, 1);
            case INT3 -> exit(InterruptionInfo.Type.SOFTWARE_EXCEPTION, vector, 0, -1, 1);
            case FAULT -> exit(InterruptionInfo.Type.HARDWARE_EXCEPTION, vector, vector == CpuFault.PF ? e.cr2() : 0,
                    e.errorCode(), 0);
            case INT_N, IRQ, NMI -> null;
        };
    }

    private static VmExit exit(InterruptionInfo.Type type, int vector, long qualification, int errorCode, int length) {
        return new VmExit(ExitReason.EXCEPTION_NMI.code(), qualification, InterruptionInfo.encode(type, vector, errorCode >= 0),
                Math.max(0, errorCode), length);
    }
}
