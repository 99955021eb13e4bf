package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;

/**
 * BT, BTS, BTR, BTC (SDM Vol. 2, BT; BTS; BTR; BTC): CF = the selected bit, which BTS sets, BTR
 * clears and BTC complements. An immediate offset is taken modulo the operand width; a register
 * offset with a memory operand is a signed bit index into a bit string starting at the address
 * (the SDM's "Effective Address + (4 * (BitOffset DIV 32))" for 32 bits, likewise 2 and 8 bytes),
 * and with a register operand it is taken modulo the width. ZF is unaffected; OF, SF, AF and PF
 * are undefined, and this model leaves them unchanged. No TF, IF, RF or shadow effect.
 */
final class BitTest {
    private BitTest() {}

    /** Executes {@code i}; returns its rule. */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        int bits = 8 * size;
        long offset = Operands.read(b, m, i.src(), i.src() instanceof Operand.Imm ? 1 : size, next);
        Operand dst = i.dst();
        long address = 0;
        boolean memory = dst instanceof Operand.Mem;
        if (memory) address = Operands.address(b, (Operand.Mem) dst, next);
        if (memory && i.src() instanceof Operand.Reg) {
            long signed = Operands.signExtend(offset, size);
            address += Math.floorDiv(signed, bits) * size;
            offset = Math.floorMod(signed, bits);
        } else {
            offset &= bits - 1;
        }
        long value = memory ? Operands.load(b, m, address, size) : Operands.read(b, m, dst, size, next);
        boolean bit = (value >>> offset & 1) != 0;
        long f = b.rflags() & ~Rflags.CF;
        b.rflags(bit ? f | Rflags.CF : f);
        long result = switch (i.op()) {
            case BTS -> value | 1L << offset;
            case BTR -> value & ~(1L << offset);
            case BTC -> value ^ 1L << offset;
            default -> value;
        };
        if (i.op() != Op.BT) {
            if (memory) Operands.store(b, m, address, size, result);
            else Operands.write(b, m, dst, size, result, next);
        }
        b.rip(next);
        return InstructionRule.BIT_TEST;
    }
}
