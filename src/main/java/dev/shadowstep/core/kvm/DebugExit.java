package dev.shadowstep.core.kvm;

/**
 * A KVM_EXIT_DEBUG report, as {@code run->debug.arch} carries it.
 *
 * @param exception the vector: 1 (#DB) or 3 (#BP)
 * @param pc        the linear RIP KVM reports
 * @param dr6       the DR6 value reported (payload | DR6_ACTIVE_LOW), or null when KVM does not write it (#BP)
 * @param why       how KVM got here, for the trace: it starts with the KVM function, {@code handle_dr: ...}
 * @param dr7       run->debug.arch.dr7 where KVM writes it (handle_exception_nmi's #DB: GUEST_DR7; handle_dr), else null
 */
record DebugExit(int exception, long pc, Long dr6, String why, Long dr7) {

    /** A report that leaves run->debug.arch.dr7 unwritten (#BP, kvm_inject_emulated_db, the code-breakpoint check). */
    DebugExit(int exception, long pc, Long dr6, String why) {
        this(exception, pc, dr6, why, null);
    }

    /** Returns the KVM function that made the report: the why's words before its first colon. */
    String function() {
        int colon = why.indexOf(':');
        return colon > 0 ? why.substring(0, colon) : "KVM";
    }
}
