package dev.shadowstep.core.cpu;

/**
 * The interrupt shadow left by the previous instruction; it lasts for exactly one
 * instruction boundary (SDM Vol. 3 6.8.3, STI; Bochs {@code inhibit_interrupts}).
 */
public enum Shadow {
    /** No shadow. */
    NONE,
    /** Blocking by STI: STI that set IF (IF was 0). Blocks maskable interrupts and, as in Bochs, NMI; never #DB. */
    STI,
    /** Blocking by MOV SS: blocks interrupts, NMI and debug traps (single-step, data breakpoints). */
    MOV_SS;

    /** Returns whether maskable interrupts are held at this boundary. */
    public boolean blocksInterrupts() {
        return this != NONE;
    }

    /**
     * Returns whether NMIs are held. The SDM leaves NMI after STI to the implementation;
     * shadowstep follows Bochs, which inhibits NMI in both shadows.
     */
    public boolean blocksNmi() {
        return this != NONE;
    }

    /** Returns whether debug traps (single-step, data breakpoints) and instruction breakpoints are held. */
    public boolean blocksDebugTraps() {
        return this == MOV_SS;
    }

    /** Returns the name used in the trace: none, sti, mov_ss. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
