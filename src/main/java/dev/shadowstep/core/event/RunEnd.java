package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;

/** How a run ended, after how many steps, in which state, and why. */
public record RunEnd(Status status, int steps, CpuState state, String message) {

    public enum Status {
        /** Halted with nothing left that can wake the CPU. */
        COMPLETED,
        /** A vector was raised that the IDT has no entry for (or its frame could not be pushed). */
        UNHANDLED,
        /** A VM entry failed its checks (VM-entry failure due to invalid guest state, exit reason 0x80000021). */
        VMENTRY_FAILED,
        /** The step budget ran out. */
        STEP_LIMIT,
        /** An internal error of shadowstep: a bug, reported with its message. */
        ERROR
    }
}
