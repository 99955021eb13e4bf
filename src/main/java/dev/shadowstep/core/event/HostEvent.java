package dev.shadowstep.core.event;

/** An event a host step produces: a VM exit, a failed VM entry, or an exit to userspace. */
public sealed interface HostEvent {

    /** Returns the guest RIP the event is about. */
    long rip();

    /**
     * A VM exit.
     *
     * @param reason        the exit reason as a word: exception, cpuid, hlt, msr_read, ...
     * @param vector        the exception vector for exception exits, else null
     * @param qualification the exit qualification
     */
    record VmExitEvent(long rip, String reason, Integer vector, long qualification) implements HostEvent {}

    /**
     * A VM entry that failed a guest-state check.
     *
     * @param reason the exit reason the failure reports, {@code 0x80000021}
     * @param check  the failed check in words
     */
    record EntryFailed(long rip, String reason, String check) implements HostEvent {}

    /**
     * {@code KVM_RUN} returned to userspace.
     *
     * @param exit      {@code KVM_EXIT_DEBUG}, {@code KVM_EXIT_FAIL_ENTRY}, ...
     * @param exception for {@code KVM_EXIT_DEBUG}: run->debug.arch.exception, else null
     * @param pc        for {@code KVM_EXIT_DEBUG}: run->debug.arch.pc, else null
     * @param dr6       for {@code KVM_EXIT_DEBUG}: run->debug.arch.dr6, else null
     * @param reason    for {@code KVM_EXIT_FAIL_ENTRY}: hardware_entry_failure_reason, else null
     * @param dr7       for {@code KVM_EXIT_DEBUG}: run->debug.arch.dr7 when KVM writes it (handle_exception_nmi, handle_dr), else null
     * @param port      for {@code KVM_EXIT_IO}: run->io.port, else null
     * @param io        for {@code KVM_EXIT_IO}: {@code in} or {@code out} (run->io.direction), else null
     * @param size      for {@code KVM_EXIT_IO}: run->io.size in bytes, else null
     * @param value     for an {@code out}: the data at run->io.data_offset, else null
     */
    record ExitToHost(long rip, String exit, Integer exception, Long pc, Long dr6, String reason,
                      Long dr7, Integer port, String io, Integer size, Long value) implements HostEvent {

        /** A report without the fields added for host phases (dr7, the I/O fields). */
        public ExitToHost(long rip, String exit, Integer exception, Long pc, Long dr6, String reason) {
            this(rip, exit, exception, pc, dr6, reason, null, null, null, null, null);
        }
    }
}
