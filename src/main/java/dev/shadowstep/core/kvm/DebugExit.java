package dev.shadowstep.core.kvm;

/**
 * A KVM_EXIT_DEBUG report, as {@code run->debug.arch} carries it.
 *
 * @param exception the vector: 1 (#DB) or 3 (#BP)
 * @param pc        the linear RIP KVM reports
 * @param dr6       the DR6 value reported (payload | DR6_ACTIVE_LOW), or null when KVM does not write it (#BP)
 * @param why       how KVM got here, for the trace
 */
record DebugExit(int exception, long pc, Long dr6, String why) {}
