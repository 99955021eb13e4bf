package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Operand.Mem;
import dev.shadowstep.core.asm.Operand.Reg;
import java.util.Set;

/**
 * Formats decoded instructions as AT&T text that the {@link Assembler} turns back into the
 * same bytes: a size suffix only where no register gives the size (as objdump), hex numbers,
 * branch targets as absolute addresses.
 */
public final class Disassembler {
    private Disassembler() {}

    /** REX.W b8+r io: the only 10-byte mov with an immediate. */
    private static final int MOVABS_LENGTH = 10;

    private static final Set<Op> SIZED = Set.of(Op.MOV, Op.ADD, Op.OR, Op.AND, Op.XOR, Op.SUB, Op.CMP,
            Op.TEST, Op.INC, Op.DEC, Op.PUSH, Op.POP, Op.NOP, Op.ROL, Op.ROR, Op.RCL, Op.RCR, Op.SHL, Op.SHR, Op.SAR,
            Op.XCHG, Op.CMPXCHG, Op.BT, Op.BTS, Op.BTR, Op.BTC, Op.DIV, Op.IDIV);

    /** Returns the AT&T text of {@code insn}, e.g. {@code orq $0x100,(%rsp)}. */
    public static String format(Instruction insn) {
        String name = mnemonic(insn);
        boolean hasReg = insn.dst() instanceof Reg || insn.src() instanceof Reg && !isShift(insn.op());
        boolean stackDefault = (insn.op() == Op.PUSH || insn.op() == Op.POP) && insn.size() == 8;
        if (SIZED.contains(insn.op()) && insn.dst() != null && !hasReg && !stackDefault) name += suffix(insn.size());
        if (insn.op().sourceSize() > 0) name += suffix(insn.size());         // movzbl, movswq, movslq: always both sizes
        boolean indirect = (insn.op() == Op.JMP || insn.op() == Op.CALL) && !(insn.dst() instanceof Operand.Rel);
        StringBuilder sb = new StringBuilder(name);
        if (insn.src() != null) sb.append(' ').append(operand(insn.src(), insn.size())).append(',');
        if (insn.dst() != null) {
            sb.append(insn.src() == null ? " " : "").append(indirect ? "*" : "").append(operand(insn.dst(), insn.size()));
        }
        return sb.toString();
    }

    /** A shift's %cl count does not size the operation. */
    private static boolean isShift(Op op) {
        return switch (op) {
            case ROL, ROR, RCL, RCR, SHL, SHR, SAR -> true;
            default -> false;
        };
    }

    private static String mnemonic(Instruction insn) {
        if (insn.op() == Op.JCC) return InstructionTable.CONDITIONS.get(insn.cond()).getFirst();
        if (insn.op() == Op.IRET) return insn.size() == 8 ? "iretq" : "iret";
        // movabs is REX.W b8+r io, 10 bytes into a register; a 10-byte movl $imm32, disp32(%reg) is a plain mov
        if (insn.op() == Op.MOV && insn.src() instanceof Operand.Imm && insn.dst() instanceof Operand.Reg
                && insn.length() == MOVABS_LENGTH) return "movabs";
        for (Form form : InstructionTable.ROWS) {
            if (form.op() == insn.op()) return form.mnemonic();
        }
        throw new IllegalArgumentException("no table row for " + insn.op());
    }

    private static String suffix(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            case 4 -> "l";
            default -> "q";
        };
    }

    /** Returns one operand in AT&T syntax; immediates are shown masked to the operand size. */
    static String operand(Operand operand, int size) {
        return switch (operand) {
            case Reg r -> "%" + Registers.name(r.num(), r.size(), r.high8());
            case Operand.Imm imm -> "$" + hex(size >= 1 && size < 8 ? imm.value() & ((1L << (8 * size)) - 1) : imm.value());
            case Operand.Rel rel -> hex(rel.target());
            case Operand.DebugReg dr -> "%dr" + dr.n();
            case Operand.ControlReg cr -> "%cr" + cr.n();
            case Operand.SegReg seg -> "%" + Registers.SEGMENTS.get(seg.n());
            case Mem m -> memory(m);
        };
    }

    private static String memory(Mem m) {
        StringBuilder sb = new StringBuilder();
        boolean hasRegs = m.base() != Mem.NONE || m.index() != Mem.NONE;
        if (m.disp() != 0 || !hasRegs) sb.append(signedHex(m.disp()));
        if (!hasRegs) return sb.toString();
        sb.append('(');
        int width = m.addr32() ? 4 : 8;
        if (m.base() == Mem.RIP) sb.append(m.addr32() ? "%eip" : "%rip");
        else if (m.base() != Mem.NONE) sb.append('%').append(Registers.name(m.base(), width, false));
        if (m.index() != Mem.NONE) {
            sb.append(",%").append(Registers.name(m.index(), width, false)).append(',').append(m.scale());
        }
        return sb.append(')').toString();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String signedHex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }
}
