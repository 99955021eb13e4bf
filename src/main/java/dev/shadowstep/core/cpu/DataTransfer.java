package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Operand;

/** MOV, LEA, PUSH, POP and the segment-register moves. */
final class DataTransfer {
    private DataTransfer() {}

    /** Executes {@code i}; returns its rule: MOV to SS starts the MOV SS shadow, the rest have none (null). */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        switch (i.op()) {
            case MOV -> Operands.write(b, m, i.dst(), size, Operands.read(b, m, i.src(), size, next), next);
            case LEA -> {
                if (!(i.src() instanceof Operand.Mem mem)) throw CpuFault.ud("LEA needs a memory operand (SDM LEA: #UD)");
                Operands.write(b, m, i.dst(), size, Operands.address(b, mem, next), next);
            }
            case PUSH -> Operands.push(b, m, Operands.read(b, m, i.dst(), size, next), size);
            case POP -> {
                long v = Operands.pop(b, m, size);
                Operands.write(b, m, i.dst(), size, v, next);
            }
            case MOV_FROM_SEG -> {
                int n = ((Operand.SegReg) i.src()).n();
                long sel = n == 1 ? Selectors.codeFor(b.cpl()) : n == Operand.SegReg.SS ? b.ss() : 0;
                Operands.write(b, m, i.dst(), i.dst() instanceof Operand.Mem ? 2 : size, sel, next);
            }
            case MOV_TO_SEG -> {
                b.rip(next);
                return moveToSegment(b, i, m, next);
            }
            default -> throw new IllegalStateException(i.op() + " is not a data transfer");
        }
        b.rip(next);
        return null;
    }

    private static InstructionRule moveToSegment(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int n = ((Operand.SegReg) i.dst()).n();
        int sel = (int) Operands.read(b, m, i.src(), 2, next);
        if (n == 1) throw CpuFault.ud("MOV to CS is #UD (SDM MOV).");
        if (n == Operand.SegReg.SS) {
            String problem = Selectors.stackProblem(sel, b.cpl());
            if (problem != null) throw CpuFault.gp(sel, "MOV to SS: " + problem + ", so #GP(selector) (SDM MOV).");
            b.ss(sel);
            return InstructionRule.MOV_SS_SHADOW_STARTED;
        }
        String problem = Selectors.dataProblem(sel, b.cpl());
        if (problem != null) throw CpuFault.gp(sel, "MOV to a data segment register: " + problem + " (SDM MOV).");
        return null;
    }
}
