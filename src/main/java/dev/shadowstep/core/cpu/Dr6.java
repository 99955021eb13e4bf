package dev.shadowstep.core.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * DR6, the debug status register (SDM Vol. 3 18.2.3), for a CPU without RTM and without
 * bus-lock detection: only B0-B3, BD, BS and BT can change; every other bit is fixed
 * (bits 4-11 and 16-31 read 1, bit 12 reads 0, bits 32-63 are reserved and 0).
 */
public final class Dr6 {
    private Dr6() {}

    /** B0-B3: breakpoint condition n met; replaced on every #DB. */
    public static final long B0 = 1L << 0, B1 = 1L << 1, B2 = 1L << 2, B3 = 1L << 3;
    /** The four breakpoint-match bits. */
    public static final long B_MASK = 0xFL;
    /** BD (bit 13): the #DB was a general-detect fault (MOV DR with DR7.GD=1). Sticky. */
    public static final long BD = 1L << 13;
    /** BS (bit 14): single step (TF). Sticky. */
    public static final long BS = 1L << 14;
    /** BT (bit 15): task switch with the TSS T flag. Sticky; never set here (no task switches in 64-bit mode). */
    public static final long BT = 1L << 15;
    /** The bits software and the CPU can change. */
    public static final long WRITABLE = 0xE00FL;
    /** The fixed bits: 4-11 and 16-31 read 1 (bit 11 BLD and bit 16 RTM are active-low and not implemented). */
    public static final long FIXED_ONES = 0xFFFF0FF0L;
    /** DR6 after reset, and "nothing happened" (DR6_ACTIVE_LOW). */
    public static final long INIT = FIXED_ONES;

    /** Returns the DR6 value a MOV to DR6 of {@code value} leaves (bits 63:32 must be checked by the caller: #GP). */
    public static long write(long value) {
        return (value & WRITABLE) | FIXED_ONES;
    }

    /**
     * Returns DR6 after a #DB with the given causes: B0-B3 are replaced by the new match set,
     * BD, BS and BT are ORed in and never cleared by the CPU (SDM 18.2.3; KUT debug.c).
     */
    public static long onDebugException(long dr6, long causes) {
        return (dr6 & ~B_MASK) | (causes & WRITABLE);
    }

    /** Returns whether {@code value} is a DR6 value this CPU can hold. */
    public static boolean isValid(long value) {
        return (value & ~WRITABLE) == FIXED_ONES;
    }

    /** Returns the cause names in DR6 order: B0..B3, BD, BS, BT. */
    public static List<String> causeNames(long causes) {
        List<String> names = new ArrayList<>(2);
        for (int n = 0; n < 4; n++) {
            if ((causes & (1L << n)) != 0) {
                names.add("B" + n);
            }
        }
        if ((causes & BD) != 0) names.add("BD");
        if ((causes & BS) != 0) names.add("BS");
        if ((causes & BT) != 0) names.add("BT");
        return names;
    }

    /** Returns the causes as one word, e.g. {@code BS|B0}, or {@code none}. */
    public static String describe(long causes) {
        List<String> names = causeNames(causes);
        return names.isEmpty() ? "none" : String.join("|", names);
    }
}
