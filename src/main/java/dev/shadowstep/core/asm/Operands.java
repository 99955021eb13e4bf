package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Arg.MemArg;
import dev.shadowstep.core.asm.Arg.RegArg;
import dev.shadowstep.core.asm.Encoder.Mismatch;
import dev.shadowstep.core.asm.Expr.Value;
import dev.shadowstep.core.asm.Operand.Mem;
import java.io.ByteArrayOutputStream;

/** ModRM/SIB/displacement encoding (SDM Vol. 2, 2.1.5 and 2.2.1) and immediate range rules. */
final class Operands {
    private Operands() {}

    /**
     * An encoded ModRM byte with its SIB and displacement. For RIP-relative addressing of a label
     * ({@code ripTarget}), the displacement is relative to the end of the instruction, known
     * only once the immediate's width is.
     */
    record ModRm(int modrm, int sib, int dispWidth, long disp, boolean ripTarget, int rex) {
        int length() { return 1 + (sib >= 0 ? 1 : 0) + dispWidth; }

        /** Returns ModRM, SIB and displacement bytes for an instruction at {@code address} of {@code length} bytes. */
        byte[] bytes(long address, int length) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(modrm);
            if (sib >= 0) out.write(sib);
            long d = ripTarget ? disp - (address + length) : disp;
            little(out, d, dispWidth);
            return out.toByteArray();
        }
    }

    /** Returns the ModRM encoding of register field {@code reg} (0-15) and r/m operand {@code rm}. */
    static ModRm modrm(int reg, Arg rm, Encoder.Context ctx) {
        int rex = reg >= 8 ? 0x44 : 0;
        int regBits = (reg & 7) << 3;
        if (rm instanceof RegArg r) {
            int n = r.reg().code();
            return new ModRm(0xc0 | regBits | (n & 7), -1, 0, 0, false, rex | (n >= 8 ? 0x41 : 0));
        }
        MemArg m = (MemArg) rm;
        Value d = m.disp() == null ? Value.of(0) : ctx.eval(m.disp());
        if (m.base() == Mem.RIP) {
            // as: a label is addressed relative to the next instruction; a plain number is the displacement itself
            if (!d.symbolic() && !fitsSigned(d.value(), 4)) throw displacementRange(m, d);
            return new ModRm(regBits | 5, -1, 4, d.value(), d.symbolic(), rex);
        }
        if (!fitsSigned(d.value(), 4)) throw displacementRange(m, d);
        if (m.base() == Mem.NONE) {
            int index = m.index() == Mem.NONE ? 4 : m.index();
            int sib = scaleBits(m.scale()) << 6 | (index & 7) << 3 | 5;
            return new ModRm(regBits | 4, sib, 4, d.value(), false, rex | (index >= 8 ? 0x42 : 0));
        }
        int base = m.base();
        int dispWidth = d.symbolic() ? 4 : d.value() == 0 && (base & 7) != 5 ? 0 : fitsSigned(d.value(), 1) ? 1 : 4;
        int mod = dispWidth == 0 ? 0 : dispWidth == 1 ? 0x40 : 0x80;
        rex |= base >= 8 ? 0x41 : 0;
        if (m.index() != Mem.NONE || (base & 7) == 4) {
            int index = m.index() == Mem.NONE ? 4 : m.index();
            rex |= index >= 8 ? 0x42 : 0;
            int sib = scaleBits(m.scale()) << 6 | (index & 7) << 3 | (base & 7);
            return new ModRm(mod | regBits | 4, sib, dispWidth, d.value(), false, rex);
        }
        return new ModRm(mod | regBits | (base & 7), -1, dispWidth, d.value(), false, rex);
    }

    private static Mismatch displacementRange(MemArg m, Value d) {
        return new Mismatch(Encoder.RANGE, m.col(), String.format("displacement 0x%x does not fit in a signed 32-bit field", d.value()));
    }

    private static int scaleBits(int scale) {
        return Integer.numberOfTrailingZeros(scale);
    }

    /** Appends {@code width} little-endian bytes of {@code v}. */
    static void little(ByteArrayOutputStream out, long v, int width) {
        for (int i = 0; i < width; i++) out.write((int) (v >>> (8 * i)));
    }

    /** Returns whether {@code v} fits in {@code bytes} bytes as a signed value. */
    static boolean fitsSigned(long v, int bytes) {
        if (bytes >= 8) return true;
        long min = -(1L << (8 * bytes - 1));
        return v >= min && v <= -min - 1;
    }

    /**
     * Returns whether {@code v} is a valid immediate for operand size {@code size}: signed or
     * unsigned for 8/16/32-bit operands (as accepts {@code $0xffffffff} with {@code l}), and a
     * sign-extended 32-bit value for 64-bit operands.
     */
    static boolean fitsSized(long v, int size) {
        if (size == 8) return fitsSigned(v, 4);
        return v >= -(1L << (8 * size - 1)) && v < (1L << (8 * size));
    }

    /** Returns {@code v} truncated to {@code size} bytes and sign-extended back to 64 bits. */
    static long signExtend(long v, int size) {
        if (size >= 8) return v;
        int shift = 64 - 8 * size;
        return (v << shift) >> shift;
    }

    static String describe(int size) {
        return switch (size) {
            case 1 -> "in 8 bits";
            case 2 -> "in 16 bits";
            case 4 -> "in 32 bits";
            default -> "in a sign-extended 32-bit field (use movabs for a 64-bit value)";
        };
    }
}
