package dev.shadowstep.core.kvm;

/**
 * An exception KVM has queued for the guest (vcpu->arch.exception): injected at the next VM entry
 * by kvm_check_and_inject_events.
 *
 * @param vector    the exception vector
 * @param errorCode the error code, or -1 for none
 * @param payload   for #DB the DR6-style payload KVM writes into DR6 at injection (positive polarity); else 0
 * @param origin    where KVM got it from, which decides which fix refreshes PENDING_DBG.BS for a #DB
 * @param why       what queued it, for the trace
 */
record QueuedException(int vector, int errorCode, long payload, Origin origin, String why) {

    /** Where a queued exception comes from. */
    enum Origin {
        /** Re-injection of an exception KVM intercepted (handle_exception_nmi). */
        INTERCEPTED,
        /** Raised by KVM's own emulation: instruction emulation, single-step of an emulated or skipped instruction. */
        EMULATED
    }
}
