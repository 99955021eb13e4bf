package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;

/** ADD, SUB, CMP, AND, OR, XOR, TEST, INC, DEC. */
final class Arithmetic {
    private Arithmetic() {}

    /** The RFLAGS bits a scenario sets or clears on purpose in a saved image (TF, IF, DF, NT, RF, AC, ID). */
    static final long NAMED_FLAGS = Rflags.TF | Rflags.IF | Rflags.DF | Rflags.NT | Rflags.RF | Rflags.AC | Rflags.ID;

    /** The defined RFLAGS bits 21:0 that an immediate edit may name. */
    private static final long LOW_FLAGS = 0x3FFFFFL;

    /** Executes {@code i} on the builder. */
    static void execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        long a = Operands.read(b, m, i.dst(), size, next);
        long f = b.rflags();
        switch (i.op()) {
            case INC, DEC -> {
                boolean inc = i.op() == Op.INC;
                long r = inc ? a + 1 : a - 1;
                Operands.write(b, m, i.dst(), size, r, next);
                b.rflags(Alu.incDecFlags(f, a, r, size, inc));
            }
            default -> {
                long s = Operands.read(b, m, i.src(), size, next);
                long r;
                switch (i.op()) {
                    case ADD -> { r = a + s; f = Alu.addFlags(f, a, s, r, size); }
                    case SUB, CMP -> { r = a - s; f = Alu.subFlags(f, a, s, r, size); }
                    case AND, TEST -> { r = a & s; f = Alu.logicFlags(f, r, size); }
                    case OR -> { r = a | s; f = Alu.logicFlags(f, r, size); }
                    case XOR -> { r = a ^ s; f = Alu.logicFlags(f, r, size); }
                    default -> throw new IllegalStateException(i.op() + " is not arithmetic");
                }
                if (i.op() != Op.CMP && i.op() != Op.TEST) {
                    Operands.write(b, m, i.dst(), size, r, next);
                }
                b.rflags(f);
            }
        }
        b.rip(next);
    }

    /** Returns the rule of {@code i}: FRAME_RFLAGS_EDIT for an edit of a saved RFLAGS image, else none (null). */
    static InstructionRule rule(Instruction i) {
        return (i.op() == Op.OR || i.op() == Op.AND) && editsSavedRflags(i) ? InstructionRule.FRAME_RFLAGS_EDIT : null;
    }

    /**
     * Returns whether {@code i} is {@code or/and $bits, disp(%rsp)} whose bits are only named RFLAGS
     * bits ({@link #NAMED_FLAGS}): an edit of a saved RFLAGS image for POPF or IRET to load.
     */
    static boolean editsSavedRflags(Instruction i) {
        if ((i.op() != Op.OR && i.op() != Op.AND) || !(i.src() instanceof Operand.Imm imm)
                || !(i.dst() instanceof Operand.Mem mem) || mem.base() != Regs.RSP || mem.index() != Operand.Mem.NONE) {
            return false;
        }
        boolean set = i.op() == Op.OR;
        long bits = set ? imm.value() : ~imm.value();
        long low = bits & LOW_FLAGS;
        return low != 0 && (low & ~NAMED_FLAGS) == 0 && !(set && (bits & ~LOW_FLAGS) != 0);
    }
}
