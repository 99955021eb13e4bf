package dev.shadowstep.core.asm;

import static dev.shadowstep.core.asm.Form.B;

import dev.shadowstep.core.asm.Decoder.Prefixes;
import dev.shadowstep.core.asm.Operand.Mem;
import dev.shadowstep.core.asm.Operand.Reg;

/** Decodes the operands of one table row from the bytes after its opcode. */
final class OperandDecoder {
    private OperandDecoder() {}

    /** Returns the decoded instruction, or null when the row does not fit (wrong /digit or operand size). */
    static Instruction tryDecode(Form form, Prefixes px, ByteReader in, int opcodeRegister) {
        Integer size = operandSize(form, px);
        if (size == null) return null;
        if (form.op() == Op.NOP && form.opcode().length == 1 && px.b() != 0) return null;   // 41 90 is xchg %r8,%rax
        Pattern p = form.pattern();
        int modrm = -1;
        if (p.hasModRm()) {
            modrm = in.next();
            if (form.digit() >= 0 && ((modrm >> 3) & 7) != form.digit()) return null;
        }
        int mod = modrm >> 6;
        int regField = ((modrm >> 3) & 7) | px.r();
        Operand src = null;
        Operand dst = null;
        switch (p) {
            case NONE -> { }
            case REG_RM -> { src = gpr(regField, size, px); dst = rm(in, modrm, size, px); }
            case RM_REG -> { src = rm(in, modrm, size, px); dst = gpr(regField, size, px); }
            case MEM_REG -> {
                if (mod == 3) return null;                  // lea with a register operand is #UD
                src = rm(in, modrm, size, px);
                dst = gpr(regField, size, px);
            }
            case IMM8_RM, IMM_RM, IMMU8_RM -> { dst = rm(in, modrm, size, px); src = imm(in, p, size); }
            case ONE_RM -> { dst = rm(in, modrm, size, px); src = new Operand.Imm(1); }
            case CL_RM -> { dst = rm(in, modrm, size, px); src = new Reg(1, 1); }
            case IMM_ACC, PORT_ACC -> { dst = new Reg(0, size); src = imm(in, p, size); }
            case DX_ACC -> { dst = new Reg(0, size); src = new Reg(2, 2); }
            case ACC_PORT -> { src = new Reg(0, size); dst = imm(in, p, size); }
            case ACC_DX -> { src = new Reg(0, size); dst = new Reg(2, 2); }
            case IMM_OREG, IMM64_OREG -> { dst = gpr(opcodeRegister | px.b(), size, px); src = imm(in, p, size); }
            case OREG -> dst = gpr(opcodeRegister | px.b(), size, px);
            case ACC_OREG, OREG_ACC -> { src = new Reg(0, size); dst = gpr(opcodeRegister | px.b(), size, px); }
            case WIDEN_RM_REG -> { src = rm(in, modrm, form.op().sourceSize(), px); dst = gpr(regField, size, px); }
            case RM, STAR_RM -> dst = rm(in, modrm, size, px);
            case MEM64 -> {
                if (mod == 3) return null;                  // a register operand is #UD (SDM Vol. 3C 31.3)
                dst = rm(in, modrm, 8, px);
            }
            case IMM8, IMM, VECTOR, IMM16 -> dst = imm(in, p, size);
            case VECTOR3 -> dst = new Operand.Imm(3);
            case REL8, REL32 -> {
                long disp = in.value(p == Pattern.REL8 ? 1 : 4, true);
                dst = new Operand.Rel(in.address() + in.length() + disp);
            }
            case DR_REG -> {
                // MOV DR ignores ModRM.mod: the r/m field always names a register (SDM Vol. 2, MOV-Move to/from Debug Registers)
                src = new Operand.DebugReg(regField);
                dst = new Reg((modrm & 7) | px.b(), 8);
                if (regField > 7) return null;
            }
            case REG_DR -> {
                src = new Reg((modrm & 7) | px.b(), 8);
                dst = new Operand.DebugReg(regField);
                if (regField > 7) return null;
            }
            case CR_REG -> {
                // MOV CR ignores ModRM.mod too; REX.R selects CR8-CR15 (SDM Vol. 2B, MOV-Move to/from Control Registers)
                src = new Operand.ControlReg(regField);
                dst = new Reg((modrm & 7) | px.b(), 8);
            }
            case REG_CR -> {
                src = new Reg((modrm & 7) | px.b(), 8);
                dst = new Operand.ControlReg(regField);
            }
            case SEG_RM -> {
                if ((regField & 7) > 5 || px.r() != 0) return null;
                src = new Operand.SegReg(regField);
                dst = rm(in, modrm, size, px);
                if (mod != 3) size = 2;                     // a segment register store to memory is always 16 bits
            }
            case RM_SEG -> {
                if ((regField & 7) > 5 || regField == 1 || px.r() != 0) return null;   // mov to %cs is #UD
                dst = new Operand.SegReg(regField);
                src = rm(in, modrm, px.w() ? 8 : 4, px);
                size = 2;
            }
        }
        int resultSize = switch (form.op()) {
            case JMP, JCC, CALL, RET, LOOP -> 8;
            default -> size;
        };
        return new Instruction(form.op(), resultSize, dst, src, form.cond(), in.length());
    }

    /** Returns the operand size the prefixes select for this row, or null when the row does not allow it. */
    private static Integer operandSize(Form form, Prefixes px) {
        // 66, REX and the ignored prefixes do not change an instruction without sized operands (hlt, stc, ...).
        if (form.sizes() == 0) return 0;
        int size;
        if (form.sizes() == B) size = 1;
        else if (form.stack64()) size = px.opsize16() ? 2 : 8;
        else if (form.pattern() == Pattern.RM_SEG) size = 2;
        else size = px.w() ? 8 : px.opsize16() ? 2 : 4;
        return form.allows(size) ? size : null;
    }

    private static Reg gpr(int num, int size, Prefixes px) {
        if (size == 1 && px.rex() == 0 && num >= 4 && num <= 7) return new Reg(num - 4, 1, true);
        return new Reg(num, size);
    }

    private static Operand rm(ByteReader in, int modrm, int size, Prefixes px) {
        int mod = modrm >> 6;
        int rm = modrm & 7;
        if (mod == 3) return gpr(rm | px.b(), size, px);
        Mem m = memory(in, mod, rm, px);
        return px.addr32() ? new Mem(m.base(), m.index(), m.scale(), m.disp(), true) : m;
    }

    private static Mem memory(ByteReader in, int mod, int rm, Prefixes px) {
        int base;
        int index = Mem.NONE;
        int scale = 1;
        if (rm == 4) {
            int sib = in.next();
            int idx = ((sib >> 3) & 7) | px.x();
            if (idx != 4) {
                index = idx;
                scale = 1 << (sib >> 6);
            }
            base = (sib & 7) | px.b();
            if ((sib & 7) == 5 && mod == 0) {
                return new Mem(Mem.NONE, index, scale, in.value(4, true));
            }
        } else if (rm == 5 && mod == 0) {
            return new Mem(Mem.RIP, Mem.NONE, 1, in.value(4, true));
        } else {
            base = rm | px.b();
        }
        long disp = mod == 1 ? in.value(1, true) : mod == 2 ? in.value(4, true) : 0;
        return new Mem(base, index, scale, disp);
    }

    private static Operand.Imm imm(ByteReader in, Pattern p, int size) {
        int width = p.immWidth(size);
        boolean signed = p.imm != Pattern.Imm.U8 && p.imm != Pattern.Imm.U16;
        return new Operand.Imm(in.value(width, signed));
    }
}
