package dev.shadowstep.core.cpu;

import static dev.shadowstep.core.cpu.Operands.mask;
import static dev.shadowstep.core.cpu.Operands.signBit;

/** Results and status flags of the arithmetic and logic instructions (SDM Vol. 1 3.4.3.1, Appendix A). */
final class Alu {
    private Alu() {}

    /** Returns RFLAGS with the status flags of {@code a + b = r} (carry-in {@code cin}). */
    static long addFlags(long rflags, long a, long b, long r, int size) {
        long m = mask(size);
        a &= m; b &= m; r &= m;
        long f = rflags & ~Rflags.STATUS;
        if (Long.compareUnsigned(r, a) < 0) f |= Rflags.CF;
        if (((a ^ r) & (b ^ r) & signBit(size)) != 0) f |= Rflags.OF;
        return f | common(a, b, r, size);
    }

    /** Returns RFLAGS with the status flags of {@code a - b = r}. */
    static long subFlags(long rflags, long a, long b, long r, int size) {
        long m = mask(size);
        a &= m; b &= m; r &= m;
        long f = rflags & ~Rflags.STATUS;
        if (Long.compareUnsigned(a, b) < 0) f |= Rflags.CF;
        if (((a ^ b) & (a ^ r) & signBit(size)) != 0) f |= Rflags.OF;
        return f | common(a, b, r, size);
    }

    /** Returns RFLAGS after a logic instruction: CF = OF = 0, AF = 0 (undefined in the SDM), SF ZF PF from r. */
    static long logicFlags(long rflags, long r, int size) {
        return (rflags & ~Rflags.STATUS) | szp(r & mask(size), size);
    }

    /** Returns RFLAGS after INC/DEC: as ADD/SUB of 1 but CF is preserved. */
    static long incDecFlags(long rflags, long a, long r, int size, boolean inc) {
        long f = inc ? addFlags(rflags, a, 1, r, size) : subFlags(rflags, a, 1, r, size);
        return (f & ~Rflags.CF) | (rflags & Rflags.CF);
    }

    private static long common(long a, long b, long r, int size) {
        long f = szp(r, size);
        if (((a ^ b ^ r) & 0x10) != 0) f |= Rflags.AF;
        return f;
    }

    /** Returns SF, ZF and PF of the result {@code r} (already masked to {@code size}). */
    static long szp(long r, int size) {
        long f = 0;
        if (r == 0) f |= Rflags.ZF;
        if ((r & signBit(size)) != 0) f |= Rflags.SF;
        if ((Long.bitCount(r & 0xFF) & 1) == 0) f |= Rflags.PF;
        return f;
    }

    /** Returns whether condition code {@code cc} (0-15, SDM Jcc) holds. */
    static boolean condition(long f, int cc) {
        boolean cf = (f & Rflags.CF) != 0, zf = (f & Rflags.ZF) != 0, sf = (f & Rflags.SF) != 0;
        boolean of = (f & Rflags.OF) != 0, pf = (f & Rflags.PF) != 0;
        boolean r = switch (cc >>> 1) {
            case 0 -> of;
            case 1 -> cf;
            case 2 -> zf;
            case 3 -> cf || zf;
            case 4 -> sf;
            case 5 -> pf;
            case 6 -> sf != of;
            default -> zf || sf != of;
        };
        return (cc & 1) == 0 ? r : !r;
    }
}
