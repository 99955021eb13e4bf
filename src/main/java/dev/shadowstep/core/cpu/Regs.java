package dev.shadowstep.core.cpu;

import java.util.Arrays;

/** The 16 general registers, immutable, in encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8-r15). */
public final class Regs {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final Regs ZERO = new Regs(new long[16]);

    private final long[] values;

    private Regs(long[] values) {
        this.values = values;
    }

    /** Returns registers holding a copy of {@code values} (16 entries). */
    public static Regs of(long... values) {
        if (values.length != 16) {
            throw new IllegalArgumentException("16 general registers expected, got " + values.length);
        }
        return new Regs(values.clone());
    }

    /** Wraps an array the caller hands over and never touches again. */
    static Regs adopt(long[] values) {
        return new Regs(values);
    }

    /** Returns register n. */
    public long get(int n) {
        return values[n];
    }

    /** Returns a copy with register n set. */
    public Regs with(int n, long value) {
        long[] copy = values.clone();
        copy[n] = value;
        return new Regs(copy);
    }

    /** Returns a copy of the values. */
    public long[] toArray() {
        return values.clone();
    }

    long[] copyForWrite() {
        return values.clone();
    }

    @Override public boolean equals(Object o) {
        return o instanceof Regs r && Arrays.equals(values, r.values);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override public String toString() {
        return Arrays.toString(values);
    }
}
