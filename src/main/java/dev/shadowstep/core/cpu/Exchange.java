package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;

/**
 * XCHG and CMPXCHG (SDM Vol. 2, XCHG; CMPXCHG). XCHG changes no flag. CMPXCHG sets the status
 * flags as CMP of the accumulator with the destination and, when they differ, writes the
 * destination back with its own value: "the destination operand is written back if the comparison
 * fails" (SDM CMPXCHG), so a data write breakpoint on it fires either way. Neither touches TF,
 * IF, RF or a shadow.
 */
final class Exchange {
    private Exchange() {}

    /** Executes {@code i}; returns its rule (XCHG_SWAPS, CMPXCHG_EQUAL or CMPXCHG_DIFFERENT). */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        long dest = Operands.read(b, m, i.dst(), size, next);
        long src = Operands.read(b, m, i.src(), size, next);
        InstructionRule rule;
        if (i.op() == Op.XCHG) {
            Operands.write(b, m, i.dst(), size, src, next);
            Operands.write(b, m, i.src(), size, dest, next);
            rule = InstructionRule.XCHG_SWAPS;
        } else {
            Operand.Reg acc = new Operand.Reg(Regs.RAX, size);
            long a = Operands.readReg(b, acc, size);
            b.rflags(Alu.subFlags(b.rflags(), a, dest, a - dest, size));
            if (a == dest) {
                Operands.write(b, m, i.dst(), size, src, next);          // ZF = 1, DEST = SRC
                rule = InstructionRule.CMPXCHG_EQUAL;
            } else {
                Operands.write(b, m, i.dst(), size, dest, next);         // ZF = 0, DEST written back unchanged
                Operands.writeReg(b, acc, size, dest);                   // accumulator = DEST
                rule = InstructionRule.CMPXCHG_DIFFERENT;
            }
        }
        b.rip(next);
        return rule;
    }
}
