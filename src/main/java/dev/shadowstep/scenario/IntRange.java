package dev.shadowstep.scenario;

import java.math.BigInteger;

/** The values an integer field accepts, and what the field is called in an out-of-range message. */
record IntRange(BigInteger min, BigInteger max, String noun) {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Any 64-bit value, unsigned. */
    static final IntRange U64 = of(0, TWO_64.subtract(BigInteger.ONE), "a 64-bit value");
    /** A 64-bit value written signed (two's complement) or unsigned. */
    static final IntRange ANY64 = of(BigInteger.valueOf(Long.MIN_VALUE), TWO_64.subtract(BigInteger.ONE),
            "a 64-bit value");
    static final IntRange U32 = of(0, 0xffff_ffffL, "a 32-bit value");
    static final IntRange VECTOR = of(0, 255, "a vector");
    /** Vectors 0-15 are reserved: the local APIC does not accept them (SDM Vol. 3, "Valid Interrupt Vectors"). */
    static final IntRange IRQ_VECTOR = of(16, 255, "an interrupt vector");
    static final IntRange COUNT = of(0, Integer.MAX_VALUE, "a count");

    static IntRange of(long min, long max, String noun) {
        return new IntRange(BigInteger.valueOf(min), BigInteger.valueOf(max), noun);
    }

    static IntRange of(long min, BigInteger max, String noun) {
        return new IntRange(BigInteger.valueOf(min), max, noun);
    }

    static IntRange of(BigInteger min, BigInteger max, String noun) {
        return new IntRange(min, max, noun);
    }

    boolean contains(BigInteger value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** Returns the range as a reader wants it: {@code 16..255 (0x10..0xff)}. */
    String describe() {
        String decimal = min + ".." + max;
        if (max.compareTo(BigInteger.valueOf(9)) <= 0) return decimal;
        String hex = hex(min) + ".." + hex(max);
        return max.bitLength() > 32 ? (min.signum() < 0 ? min + ".." + hex(max) : "0.." + hex(max))
                : decimal + " (" + hex + ")";
    }

    private static String hex(BigInteger value) {
        return value.signum() < 0 ? "-0x" + value.negate().toString(16) : "0x" + value.toString(16);
    }
}
