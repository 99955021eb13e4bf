package dev.shadowstep.core.cpu;

import static dev.shadowstep.core.cpu.Operands.mask;
import static dev.shadowstep.core.cpu.Operands.signBit;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;

/**
 * ROL, ROR, RCL, RCR, SHL/SAL, SHR, SAR, as the SDM's pseudocode has them (SDM Vol. 2, "RCL/RCR/ROL/ROR"
 * and "SAL/SAR/SHL/SHR"). The count is masked to 5 bits (6 with a 64-bit operand); a masked count
 * of 0 changes neither the operand nor any flag. None of them touches TF, IF, RF or a shadow.
 * Where the SDM leaves a flag undefined (OF for counts above 1, AF after a shift, CF when a shift
 * count reaches the operand width), this model computes it with the count-1 formula, clears AF,
 * and lets CF be the last bit shifted out (0 beyond the width).
 */
final class ShiftRotate {
    private ShiftRotate() {}

    /** Executes {@code i}. */
    static void execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        int bits = 8 * size;
        long count = i.src() == null ? 1 : Operands.read(b, m, i.src(), 1, next);
        count &= size == 8 ? 0x3f : 0x1f;
        if (count == 0) {
            b.rip(next);
            return;
        }
        long dest = Operands.read(b, m, i.dst(), size, next);
        long f = b.rflags();
        boolean cf = (f & Rflags.CF) != 0;
        long msb = signBit(size);
        long r;
        boolean newCf;
        boolean of;
        switch (i.op()) {
            case ROL -> {
                int n = (int) (count % bits);
                r = rotateLeft(dest, n, size);
                newCf = (r & 1) != 0;
                of = ((r & msb) != 0) ^ newCf;
            }
            case ROR -> {
                int n = (int) (count % bits);
                r = rotateLeft(dest, (bits - n) % bits, size);
                newCf = (r & msb) != 0;
                of = ((r & msb) != 0) ^ ((r & (msb >>> 1)) != 0);
            }
            case RCL, RCR -> {
                // RCL/RCR rotate through CF: a (size*8 + 1)-bit rotation (tempCOUNT MOD 9 / 17 for 8/16 bits).
                int n = (int) (size <= 2 ? count % (bits + 1) : count);
                boolean ofBefore = ((dest & msb) != 0) ^ cf;              // RCR's OF uses the operand before rotating
                r = dest;
                newCf = cf;
                for (int k = 0; k < n; k++) {
                    boolean out;
                    if (i.op() == Op.RCL) {
                        out = (r & msb) != 0;
                        r = ((r << 1) | (newCf ? 1 : 0)) & mask(size);
                    } else {
                        out = (r & 1) != 0;
                        r = (r >>> 1) | (newCf ? msb : 0);
                    }
                    newCf = out;
                }
                of = i.op() == Op.RCL ? ((r & msb) != 0) ^ newCf : ofBefore;
            }
            case SHL -> {
                r = count >= 64 ? 0 : (dest << count) & mask(size);
                newCf = count <= bits && ((dest >>> (bits - count)) & 1) != 0;
                of = ((r & msb) != 0) ^ newCf;
            }
            case SHR -> {
                r = count >= 64 ? 0 : dest >>> count;
                newCf = count <= bits && ((dest >>> (count - 1)) & 1) != 0;
                of = (dest & msb) != 0;
            }
            case SAR -> {
                long signed = Operands.signExtend(dest, size);
                r = (signed >> Math.min(count, 63)) & mask(size);
                newCf = ((signed >> Math.min(count - 1, 63)) & 1) != 0;
                of = false;
            }
            default -> throw new IllegalStateException(i.op() + " is not a shift or rotate");
        }
        Operands.write(b, m, i.dst(), size, r, next);
        long flags = f & ~(Rflags.CF | Rflags.OF);
        if (newCf) flags |= Rflags.CF;
        if (of) flags |= Rflags.OF;
        boolean shift = switch (i.op()) {
            case SHL, SHR, SAR -> true;
            default -> false;
        };
        if (shift) flags = (flags & ~(Rflags.SF | Rflags.ZF | Rflags.PF | Rflags.AF)) | Alu.szp(r, size);
        b.rflags(flags);
        b.rip(next);
    }

    private static long rotateLeft(long v, int n, int size) {
        if (n == 0) return v;
        int bits = 8 * size;
        return ((v << n) | (v >>> (bits - n))) & mask(size);
    }
}
