package dev.shadowstep.core.event;

/**
 * The VM exits that VMX non-root operation takes at an instruction boundary, below the traps of the
 * previous instruction (row 4 of SDM Vol. 3A Table 6-2) and only without an STI or MOV SS shadow
 * (Bochs handleAsyncEvent): the {@link BoundaryArbiter} ranks them, in this order (SDM Vol. 3C 25.2,
 * 26.7.4-26.7.6). A {@link Vmm} says which it armed as a mask of {@link #bit()}s.
 */
public enum BoundaryExit {
    /** The VMX-preemption timer, armed with 0, expires before the first guest instruction (SDM 26.7.4). */
    PREEMPTION_TIMER,
    /** NMI-window exiting, once NMIs are not blocked (SDM 26.7.6). */
    NMI_WINDOW,
    /** Interrupt-window exiting, once RFLAGS.IF=1 (SDM 26.7.5). */
    INTERRUPT_WINDOW,
    /** A host interrupt (KVM's kick IPI) with external-interrupt exiting (SDM 25.2). */
    EXTERNAL_INTERRUPT;

    /** Returns this exit's bit in a mask of armed exits. */
    public int bit() {
        return 1 << ordinal();
    }
}
