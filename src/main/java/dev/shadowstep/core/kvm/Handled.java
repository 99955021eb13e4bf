package dev.shadowstep.core.kvm;

import dev.shadowstep.core.event.RunEnd;

/** What an exit handler returns: re-enter the guest (1), exit to userspace (0), or an end of the run. */
sealed interface Handled {

    /** The handler returned 1: KVM enters the guest again. */
    record Resume() implements Handled {}

    /** The handler returned 0 with a KVM_EXIT_DEBUG report for userspace. */
    record ToUserspace(DebugExit report) implements Handled {}

    /**
     * The handler returned 0 with KVM_EXIT_IO: an I/O instruction no in-kernel device claims (kvm_fast_pio). The
     * next KVM_RUN completes it (complete_fast_pio_in / _out) if RIP is still {@code rip}.
     *
     * @param value the data of an OUT, or null for an IN
     */
    record IoToUserspace(long rip, int port, boolean in, int size, Long value) implements Handled {}

    /** The run cannot go on (e.g. an emulation failure KVM reports as KVM_EXIT_INTERNAL_ERROR). */
    record End(RunEnd.Status status, String message) implements Handled {}

    Handled RESUME = new Resume();
}
