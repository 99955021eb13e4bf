package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;

/** ADD, SUB, CMP, AND, OR, XOR, TEST, INC, DEC. */
final class Arithmetic {
    private Arithmetic() {}

    /** Executes {@code i} on the builder. */
    static void execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        long a = Operands.read(b, m, i.dst(), size, next);
        long f = b.rflags();
        switch (i.op()) {
            case INC, DEC -> {
                boolean inc = i.op() == dev.shadowstep.core.asm.Op.INC;
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
                if (i.op() != dev.shadowstep.core.asm.Op.CMP && i.op() != dev.shadowstep.core.asm.Op.TEST) {
                    Operands.write(b, m, i.dst(), size, r, next);
                }
                b.rflags(f);
            }
        }
        b.rip(next);
    }
}
