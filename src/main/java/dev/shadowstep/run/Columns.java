package dev.shadowstep.run;

import java.util.Arrays;

/** Growable primitive columns, grown by half so that the slack stays small. */
final class Columns {
    private Columns() {}

    static int grow(int length, int needed) {
        return Math.max(needed, length + (length >> 1) + 16);
    }

    static byte[] ensure(byte[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, grow(a.length, needed));
    }

    static int[] ensure(int[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, grow(a.length, needed));
    }

    static long[] ensure(long[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, grow(a.length, needed));
    }
}
