package dev.shadowstep.scenario;

/** The handler of one IDT vector and its gate type (64-bit interrupt gate unless {@code trap}). */
public record IdtEntry(Address handler, Gate gate) {

    /** The gate type: an interrupt gate clears IF on entry, a trap gate does not (SDM 6.12.1.3). */
    public enum Gate {
        INTERRUPT, TRAP;

        /** Returns the name used in scenario files: interrupt or trap. */
        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
