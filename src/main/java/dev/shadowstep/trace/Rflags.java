package dev.shadowstep.trace;

/** The RFLAGS bits that the trace shows as lanes (SDM Vol. 1, 3.4.3, Figure 3-8). */
final class Rflags {

    /** Bit 8, trap flag: single-step after each instruction (SDM 17.3.1.4). */
    static final long TF = 1L << 8;
    /** Bit 9, interrupt enable flag: maskable interrupts are recognised. */
    static final long IF = 1L << 9;
    /** Bit 16, resume flag: suppresses instruction-breakpoint #DB for one instruction (SDM 17.3.1.1). */
    static final long RF = 1L << 16;

    private Rflags() {}
}
