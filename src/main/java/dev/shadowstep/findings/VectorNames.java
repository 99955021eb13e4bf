package dev.shadowstep.findings;

import dev.shadowstep.core.event.Vectors;

/** Names a vector the way a reviewer says it: {@code #DB}, {@code #UD}, {@code IRQ 0xaa}. */
final class VectorNames {
    /** The first vector that is not an architectural exception (SDM Vol. 3A Table 6-1). */
    static final int FIRST_IRQ = 32;

    private VectorNames() {}

    static String of(int vector) {
        return vector < FIRST_IRQ ? Vectors.mnemonic(vector) : "IRQ " + Labels.hex(vector);
    }
}
