package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;

/**
 * MOVZX and MOVSX/MOVSXD (AT&T movzb*, movzw*, movsb*, movsw*, movslq; SDM Vol. 2, MOVZX; MOVSX/MOVSXD):
 * the source, narrower than the destination register, zero- or sign-extended. No flag changes.
 */
final class Extension {
    private Extension() {}

    /** Executes {@code i}; returns its rule. */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int from = i.op().sourceSize();
        long v = Operands.read(b, m, i.src(), from, next);
        if (i.op().signExtends()) v = Operands.signExtend(v, from);
        Operands.write(b, m, i.dst(), i.size(), v, next);
        b.rip(next);
        return InstructionRule.EXTENDS;
    }
}
