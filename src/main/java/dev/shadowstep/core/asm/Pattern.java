package dev.shadowstep.core.asm;

import java.util.List;

/**
 * How a table row's operands are written in AT&T order (source first) and where each one is
 * encoded. Names read as the AT&T operand list: {@code REG_RM} is {@code op %reg, r/m}.
 * "ModRM.reg"/"ModRM.rm" refer to the fields of the ModRM byte (SDM Vol. 2, 2.1.5).
 */
enum Pattern {
    /** No operands: {@code hlt}. */
    NONE(Imm.NONE),
    /** {@code %reg, r/m}: ModRM.reg = source, ModRM.rm = destination (the "store" opcodes 00, 01, 89, ...). */
    REG_RM(Imm.NONE, Slot.REG, Slot.RM),
    /** {@code r/m, %reg}: ModRM.rm = source, ModRM.reg = destination (the "load" opcodes 02, 03, 8b, ...). */
    RM_REG(Imm.NONE, Slot.RM, Slot.REG),
    /** {@code mem, %reg}: like RM_REG but memory only (lea; test with a memory source, which as encodes as 85 /r). */
    MEM_REG(Imm.NONE, Slot.MEM, Slot.REG),
    /** {@code $imm, r/m} with an 8-bit immediate sign-extended to the operand size (83 /n ib). */
    IMM8_RM(Imm.S8, Slot.IMM, Slot.RM),
    /** {@code $imm, r/m} with an immediate of the operand size, at most 32 bits (80 /n, 81 /n, c7 /0). */
    IMM_RM(Imm.SIZED, Slot.IMM, Slot.RM),
    /** {@code $imm, %al|%ax|%eax|%rax}: the accumulator short forms (04, 05, a8, a9, ...). */
    IMM_ACC(Imm.SIZED, Slot.IMM, Slot.ACC),
    /** {@code $imm, %reg} with the register in the opcode's low 3 bits (b0+r, b8+r). */
    IMM_OREG(Imm.SIZED, Slot.IMM, Slot.REG),
    /** {@code $imm64, %reg64}: movabs (REX.W b8+r io). */
    IMM64_OREG(Imm.FULL, Slot.IMM, Slot.REG),
    /** {@code %reg} in the opcode's low 3 bits (50+r, 58+r). */
    OREG(Imm.NONE, Slot.REG),
    /** {@code r/m} in ModRM.rm with a /digit (inc, dec, push, pop). */
    RM(Imm.NONE, Slot.RM),
    /** {@code $imm8} sign-extended (push 6a). */
    IMM8(Imm.S8, Slot.IMM),
    /** {@code $imm} of 16 bits (16-bit push) or 32 bits sign-extended (push 68). */
    IMM(Imm.PUSH, Slot.IMM),
    /** {@code $vector} 0-255 (int cd ib). */
    VECTOR(Imm.U8, Slot.IMM),
    /** {@code $3} only, encoded without an immediate: GNU as 2.40 assembles {@code int $3} as cc. */
    VECTOR3(Imm.NONE, Slot.IMM),
    /** {@code $imm16} (ret c2 iw). */
    IMM16(Imm.U16, Slot.IMM),
    /** A branch target, 8-bit displacement from the next instruction. */
    REL8(Imm.NONE, Slot.TARGET),
    /** A branch target, 32-bit displacement from the next instruction. */
    REL32(Imm.NONE, Slot.TARGET),
    /** {@code *r/m}: indirect branch target in ModRM.rm with a /digit. */
    STAR_RM(Imm.NONE, Slot.STAR_RM),
    /** {@code $port, %al|%ax|%eax} (in e4, e5). */
    PORT_ACC(Imm.U8, Slot.IMM, Slot.ACC),
    /** {@code %dx, %al|%ax|%eax} (in ec, ed). */
    DX_ACC(Imm.NONE, Slot.DX, Slot.ACC),
    /** {@code %al|%ax|%eax, $port} (out e6, e7). */
    ACC_PORT(Imm.U8, Slot.ACC, Slot.IMM),
    /** {@code %al|%ax|%eax, %dx} (out ee, ef). */
    ACC_DX(Imm.NONE, Slot.ACC, Slot.DX),
    /** {@code %drN, %reg64}: ModRM.reg = debug register, ModRM.rm = general register (0f 21). */
    DR_REG(Imm.NONE, Slot.DR, Slot.REG),
    /** {@code %reg64, %drN} (0f 23). */
    REG_DR(Imm.NONE, Slot.REG, Slot.DR),
    /** {@code %crN, %reg64}: ModRM.reg = control register (REX.R for CR8-CR15), ModRM.rm = general register (0f 20). */
    CR_REG(Imm.NONE, Slot.CR, Slot.REG),
    /** {@code %reg64, %crN} (0f 22). */
    REG_CR(Imm.NONE, Slot.REG, Slot.CR),
    /** {@code %sreg, r/m}: ModRM.reg = segment register (8c). */
    SEG_RM(Imm.NONE, Slot.SEG, Slot.RM),
    /** {@code r/m, %sreg} (8e). */
    RM_SEG(Imm.NONE, Slot.RM, Slot.SEG),
    /** {@code $1, r/m}: a shift or rotate by one, encoded without an immediate (d0, d1 /n), as GNU as does. */
    ONE_RM(Imm.NONE, Slot.IMM, Slot.RM),
    /** {@code $imm8, r/m}: a shift or rotate count, one unsigned byte (c0, c1 /n ib). */
    IMMU8_RM(Imm.U8, Slot.IMM, Slot.RM),
    /** {@code %cl, r/m}: a shift or rotate by CL (d2, d3 /n). */
    CL_RM(Imm.NONE, Slot.CL, Slot.RM),
    /** {@code %rax, %reg}: xchg's accumulator short form, the other register in the opcode's low 3 bits (90+r). */
    ACC_OREG(Imm.NONE, Slot.ACC, Slot.REG),
    /** {@code %reg, %rax}: the same with the operands the other way round. */
    OREG_ACC(Imm.NONE, Slot.REG, Slot.ACC),
    /**
     * {@code r/m, %reg} where r/m is narrower than the register: zero and sign extension (0f b6, 0f b7,
     * 0f be, 0f bf, 63); the source size comes from the operation ({@link Op#sourceSize()}).
     */
    WIDEN_RM_REG(Imm.NONE, Slot.RM, Slot.REG),
    /** {@code m64}: a memory operand only, in ModRM.rm (vmxon, vmclear, vmptrld, vmptrst); ModRM.mod = 3 is #UD. */
    MEM64(Imm.NONE, Slot.MEM);

    /** What kind of operand may stand in one position. */
    enum Slot { REG, RM, MEM, ACC, IMM, TARGET, STAR_RM, DX, DR, CR, SEG, CL }

    /** How the immediate is encoded. */
    enum Imm {
        NONE, /** 1 byte, sign-extended */ S8, /** the operand size, at most 4 bytes */ SIZED,
        /** the full operand size (movabs) */ FULL, /** 2 bytes for 16-bit push, else 4 */ PUSH,
        /** 1 byte, zero-extended */ U8, /** 2 bytes, zero-extended */ U16
    }

    final Imm imm;
    final List<Slot> slots;

    Pattern(Imm imm, Slot... slots) {
        this.imm = imm;
        this.slots = List.of(slots);
    }

    /** Returns whether the encoding has a ModRM byte. */
    boolean hasModRm() {
        return switch (this) {
            case REG_RM, RM_REG, MEM_REG, IMM8_RM, IMM_RM, RM, STAR_RM, DR_REG, REG_DR, CR_REG, REG_CR, SEG_RM, RM_SEG, ONE_RM, IMMU8_RM, CL_RM,
                 WIDEN_RM_REG, MEM64 -> true;
            default -> false;
        };
    }

    /** Returns whether a register is added to the opcode's last byte. */
    boolean registerInOpcode() {
        return this == IMM_OREG || this == IMM64_OREG || this == OREG || this == ACC_OREG || this == OREG_ACC;
    }

    /** Returns the immediate's width in bytes for operand size {@code size}. */
    int immWidth(int size) {
        return switch (imm) {
            case NONE -> 0;
            case S8, U8 -> 1;
            case U16 -> 2;
            case SIZED -> Math.min(size, 4);
            case FULL -> size;
            case PUSH -> size == 2 ? 2 : 4;
        };
    }
}
