package dev.shadowstep.core.apic;

import java.util.ArrayList;
import java.util.List;

/** An immutable set of interrupt vectors 0-255, as the APIC's 256-bit IRR and ISR registers hold them. */
public record VectorSet(long w0, long w1, long w2, long w3) {

    public static final VectorSet EMPTY = new VectorSet(0, 0, 0, 0);

    /** Returns the set holding the given vectors. */
    public static VectorSet of(Iterable<Integer> vectors) {
        VectorSet set = EMPTY;
        for (int v : vectors) {
            set = set.with(v);
        }
        return set;
    }

    /** Returns the set holding the given vectors. */
    public static VectorSet of(int... vectors) {
        VectorSet set = EMPTY;
        for (int v : vectors) {
            set = set.with(v);
        }
        return set;
    }

    /** Returns whether the set holds {@code vector}. */
    public boolean contains(int vector) {
        return (word(check(vector) >>> 6) & (1L << vector)) != 0;
    }

    /** Returns this set plus {@code vector}. */
    public VectorSet with(int vector) {
        return set(check(vector), true);
    }

    /** Returns this set without {@code vector}. */
    public VectorSet without(int vector) {
        return set(check(vector), false);
    }

    /** Returns whether the set is empty. */
    public boolean isEmpty() {
        return (w0 | w1 | w2 | w3) == 0;
    }

    /** Returns the highest vector in the set, or -1 when it is empty. */
    public int highest() {
        if (w3 != 0) return 192 + 63 - Long.numberOfLeadingZeros(w3);
        if (w2 != 0) return 128 + 63 - Long.numberOfLeadingZeros(w2);
        if (w1 != 0) return 64 + 63 - Long.numberOfLeadingZeros(w1);
        if (w0 != 0) return 63 - Long.numberOfLeadingZeros(w0);
        return -1;
    }

    /** Returns the vectors in ascending order. */
    public List<Integer> toList() {
        List<Integer> list = new ArrayList<>();
        for (int v = 0; v < 256; v++) {
            if (contains(v)) list.add(v);
        }
        return List.copyOf(list);
    }

    private long word(int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }

    private VectorSet set(int vector, boolean on) {
        long[] w = {w0, w1, w2, w3};
        long bit = 1L << vector;
        w[vector >>> 6] = on ? w[vector >>> 6] | bit : w[vector >>> 6] & ~bit;
        return new VectorSet(w[0], w[1], w[2], w[3]);
    }

    private static int check(int vector) {
        if (vector < 0 || vector > 255) {
            throw new IllegalArgumentException("vector " + vector + " is out of range: vectors are 0-255");
        }
        return vector;
    }
}
