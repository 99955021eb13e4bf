package dev.shadowstep.core.asm;

import static dev.shadowstep.core.asm.Form.B;
import static dev.shadowstep.core.asm.Form.L;
import static dev.shadowstep.core.asm.Form.Q;
import static dev.shadowstep.core.asm.Form.W;
import static dev.shadowstep.core.asm.Pattern.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table that defines every instruction form shadowstep knows, with its encoding
 * (SDM Vol. 2, Chapter 3-4 opcode tables). The assembler picks the FIRST row in this order
 * whose mnemonic, operands and predicates match, so the order is GNU as's preference
 * (verified against binutils 2.40); the decoder indexes the same rows by opcode (and
 * /digit), taking the first row whose operand size fits the prefixes. Nothing else in the
 * project defines an encoding.
 */
final class InstructionTable {
    private InstructionTable() {}

    /** Condition-code mnemonics in encoding order 0-15; the first alias is the one printed. */
    static final List<List<String>> CONDITIONS = List.of(
            List.of("jo"), List.of("jno"), List.of("jb", "jc", "jnae"), List.of("jae", "jnb", "jnc"),
            List.of("je", "jz"), List.of("jne", "jnz"), List.of("jbe", "jna"), List.of("ja", "jnbe"),
            List.of("js"), List.of("jns"), List.of("jp", "jpe"), List.of("jnp", "jpo"),
            List.of("jl", "jnge"), List.of("jge", "jnl"), List.of("jle", "jng"), List.of("jg", "jnle"));

    /** Every row, in the assembler's order of preference. */
    static final List<Form> ROWS = build();

    private static List<Form> build() {
        List<Form> t = new ArrayList<>();
        // No operands (sizes fixed by the name).
        plain(t, Op.NOP, List.of("nop"), 0, false, 0x90);
        plain(t, Op.HLT, List.of("hlt"), 0, false, 0xf4);
        plain(t, Op.STI, List.of("sti"), 0, false, 0xfb);
        plain(t, Op.CLI, List.of("cli"), 0, false, 0xfa);
        plain(t, Op.PUSHF, List.of("pushf", "pushfq"), Q, true, 0x9c);
        plain(t, Op.POPF, List.of("popf", "popfq"), Q, true, 0x9d);
        plain(t, Op.IRET, List.of("iretq"), Q, false, 0xcf);          // REX.W cf
        plain(t, Op.IRET, List.of("iret", "iretl"), L, false, 0xcf);
        plain(t, Op.INT3, List.of("int3"), 0, false, 0xcc);
        t.add(new Form(Op.INT3, List.of("int"), false, VECTOR3, new int[] {0xcc}, -1, 0, false, -1));
        t.add(new Form(Op.INT, List.of("int"), false, VECTOR, new int[] {0xcd}, -1, 0, false, -1));
        plain(t, Op.INT1, List.of("int1", "icebp"), 0, false, 0xf1);
        plain(t, Op.UD2, List.of("ud2"), 0, false, 0x0f, 0x0b);
        plain(t, Op.CPUID, List.of("cpuid"), 0, false, 0x0f, 0xa2);
        plain(t, Op.RDMSR, List.of("rdmsr"), 0, false, 0x0f, 0x32);
        plain(t, Op.WRMSR, List.of("wrmsr"), 0, false, 0x0f, 0x30);
        plain(t, Op.VMCALL, List.of("vmcall"), 0, false, 0x0f, 0x01, 0xc1);
        plain(t, Op.VMLAUNCH, List.of("vmlaunch"), 0, false, 0x0f, 0x01, 0xc2);
        plain(t, Op.VMRESUME, List.of("vmresume"), 0, false, 0x0f, 0x01, 0xc3);
        // vmread %field, r/m64 (0f 78 /r, ModRM.reg = the field); vmwrite r/m64, %field (0f 79 /r); 64 bits without REX.W.
        t.add(new Form(Op.VMREAD, List.of("vmread"), true, REG_RM, new int[] {0x0f, 0x78}, -1, Q, true, -1));
        t.add(new Form(Op.VMWRITE, List.of("vmwrite"), true, RM_REG, new int[] {0x0f, 0x79}, -1, Q, true, -1));
        plain(t, Op.VMXOFF, List.of("vmxoff"), 0, false, 0x0f, 0x01, 0xc4);
        // The m64 VMX instructions (0f c7 /6 and /7); vmxon and vmclear take f3 and 66 as mandatory prefixes (SDM Vol. 3C 31.3).
        t.add(new Form(Op.VMXON, List.of("vmxon"), false, MEM64, new int[] {Decoder.MANDATORY_F3, 0x0f, 0xc7}, 6, 0, false, -1));
        t.add(new Form(Op.VMCLEAR, List.of("vmclear"), false, MEM64, new int[] {Decoder.MANDATORY_66, 0x0f, 0xc7}, 6, 0, false, -1));
        t.add(new Form(Op.VMPTRLD, List.of("vmptrld"), false, MEM64, new int[] {0x0f, 0xc7}, 6, 0, false, -1));
        t.add(new Form(Op.VMPTRST, List.of("vmptrst"), false, MEM64, new int[] {0x0f, 0xc7}, 7, 0, false, -1));
        plain(t, Op.PAUSE, List.of("pause"), 0, false, Decoder.MANDATORY_F3, 0x90);
        plain(t, Op.STC, List.of("stc"), 0, false, 0xf9);
        plain(t, Op.CLC, List.of("clc"), 0, false, 0xf8);
        plain(t, Op.CMC, List.of("cmc"), 0, false, 0xf5);
        plain(t, Op.CLD, List.of("cld"), 0, false, 0xfc);
        plain(t, Op.STD, List.of("std"), 0, false, 0xfd);
        plain(t, Op.LAHF, List.of("lahf"), 0, false, 0x9f);
        plain(t, Op.SAHF, List.of("sahf"), 0, false, 0x9e);
        plain(t, Op.INTO, List.of("into"), 0, false, 0xce);
        plain(t, Op.WBINVD, List.of("wbinvd"), 0, false, 0x0f, 0x09);
        plain(t, Op.INVD, List.of("invd"), 0, false, 0x0f, 0x08);
        plain(t, Op.RDTSC, List.of("rdtsc"), 0, false, 0x0f, 0x31);
        plain(t, Op.RDTSCP, List.of("rdtscp"), 0, false, 0x0f, 0x01, 0xf9);          // the encoder refuses it, as GNU as does in 64-bit mode
        // The multi-byte NOP 0f 1f /0 (nopw/nopl/nopq), which GNU as emits to pad code (see DataEncoder.align).
        t.add(new Form(Op.NOP, List.of("nop"), true, RM, new int[] {0x0f, 0x1f}, 0, W | L | Q, false, -1));

        // Port I/O: the accumulator is the register, the port an imm8 or %dx.
        sized(t, Op.IN, "in", PORT_ACC, B, -1, 0xe4);
        sized(t, Op.IN, "in", PORT_ACC, W | L, -1, 0xe5);
        sized(t, Op.IN, "in", DX_ACC, B, -1, 0xec);
        sized(t, Op.IN, "in", DX_ACC, W | L, -1, 0xed);
        sized(t, Op.OUT, "out", ACC_PORT, B, -1, 0xe6);
        sized(t, Op.OUT, "out", ACC_PORT, W | L, -1, 0xe7);
        sized(t, Op.OUT, "out", ACC_DX, B, -1, 0xee);
        sized(t, Op.OUT, "out", ACC_DX, W | L, -1, 0xef);

        // mov: reg,reg uses the store opcode; imm to a 64-bit register prefers c7 (sign-extended
        // imm32) and falls back to movabs; debug and segment registers last.
        sized(t, Op.MOV, "mov", REG_RM, B, -1, 0x88);
        sized(t, Op.MOV, "mov", REG_RM, W | L | Q, -1, 0x89);
        sized(t, Op.MOV, "mov", RM_REG, B, -1, 0x8a);
        sized(t, Op.MOV, "mov", RM_REG, W | L | Q, -1, 0x8b);
        sized(t, Op.MOV, "mov", IMM_OREG, B, -1, 0xb0);
        sized(t, Op.MOV, "mov", IMM_OREG, W | L, -1, 0xb8);
        sized(t, Op.MOV, "mov", IMM_RM, B, 0, 0xc6);
        sized(t, Op.MOV, "mov", IMM_RM, W | L | Q, 0, 0xc7);
        t.add(new Form(Op.MOV, List.of("movabs", "mov"), true, IMM64_OREG, new int[] {0xb8}, -1, Q, false, -1));
        t.add(new Form(Op.MOV_FROM_DR, List.of("mov"), true, DR_REG, new int[] {0x0f, 0x21}, -1, Q, true, -1));
        t.add(new Form(Op.MOV_TO_DR, List.of("mov"), true, REG_DR, new int[] {0x0f, 0x23}, -1, Q, true, -1));
        t.add(new Form(Op.MOV_FROM_CR, List.of("mov"), true, CR_REG, new int[] {0x0f, 0x20}, -1, Q, true, -1));
        t.add(new Form(Op.MOV_TO_CR, List.of("mov"), true, REG_CR, new int[] {0x0f, 0x22}, -1, Q, true, -1));
        sized(t, Op.MOV_FROM_SEG, "mov", SEG_RM, W | L | Q, -1, 0x8c);
        sized(t, Op.MOV_TO_SEG, "mov", RM_SEG, W | L | Q, -1, 0x8e);
        sized(t, Op.LEA, "lea", MEM_REG, W | L | Q, -1, 0x8d);

        // ALU: reg,reg store form; imm8 sign-extended when it fits; accumulator short form; full imm.
        alu(t, Op.ADD, "add", 0);
        alu(t, Op.OR, "or", 1);
        alu(t, Op.AND, "and", 4);
        alu(t, Op.SUB, "sub", 5);
        alu(t, Op.XOR, "xor", 6);
        alu(t, Op.CMP, "cmp", 7);
        sized(t, Op.TEST, "test", REG_RM, B, -1, 0x84);
        sized(t, Op.TEST, "test", REG_RM, W | L | Q, -1, 0x85);
        sized(t, Op.TEST, "test", MEM_REG, B, -1, 0x84);     // test is commutative: as encodes mem,reg as 84/85
        sized(t, Op.TEST, "test", MEM_REG, W | L | Q, -1, 0x85);
        sized(t, Op.TEST, "test", IMM_ACC, B, -1, 0xa8);
        sized(t, Op.TEST, "test", IMM_ACC, W | L | Q, -1, 0xa9);
        sized(t, Op.TEST, "test", IMM_RM, B, 0, 0xf6);
        sized(t, Op.TEST, "test", IMM_RM, W | L | Q, 0, 0xf7);
        sized(t, Op.INC, "inc", RM, B, 0, 0xfe);
        sized(t, Op.INC, "inc", RM, W | L | Q, 0, 0xff);
        sized(t, Op.DEC, "dec", RM, B, 1, 0xfe);
        sized(t, Op.DEC, "dec", RM, W | L | Q, 1, 0xff);

        // Shifts and rotates: by one (d0/d1, also for an explicit $1, as GNU as encodes it), by imm8, by %cl.
        shift(t, Op.ROL, List.of("rol"), 0);
        shift(t, Op.ROR, List.of("ror"), 1);
        shift(t, Op.RCL, List.of("rcl"), 2);
        shift(t, Op.RCR, List.of("rcr"), 3);
        shift(t, Op.SHL, List.of("shl", "sal"), 4);
        shift(t, Op.SHR, List.of("shr"), 5);
        shift(t, Op.SAR, List.of("sar"), 7);

        // xchg: the accumulator short form 90+r for 16 and 64 bits (xchg %eax,%eax stays 87 c0, see FormEncoder),
        // else 86/87 /r with either operand order.
        sized(t, Op.XCHG, "xchg", ACC_OREG, W | L | Q, -1, 0x90);
        sized(t, Op.XCHG, "xchg", OREG_ACC, W | L | Q, -1, 0x90);
        sized(t, Op.XCHG, "xchg", REG_RM, B, -1, 0x86);
        sized(t, Op.XCHG, "xchg", REG_RM, W | L | Q, -1, 0x87);
        sized(t, Op.XCHG, "xchg", RM_REG, B, -1, 0x86);
        sized(t, Op.XCHG, "xchg", RM_REG, W | L | Q, -1, 0x87);
        sized(t, Op.CMPXCHG, "cmpxchg", REG_RM, B, -1, 0x0f, 0xb0);
        sized(t, Op.CMPXCHG, "cmpxchg", REG_RM, W | L | Q, -1, 0x0f, 0xb1);

        // Bit test: register offset 0f a3/ab/b3/bb /r, immediate offset 0f ba /4-/7 ib.
        bitTest(t, Op.BT, "bt", 0xa3, 4);
        bitTest(t, Op.BTS, "bts", 0xab, 5);
        bitTest(t, Op.BTR, "btr", 0xb3, 6);
        bitTest(t, Op.BTC, "btc", 0xbb, 7);

        // Unsigned and signed divide of rDX:rAX (AX for bytes) by r/m: f6/f7 /6 and /7.
        sized(t, Op.DIV, "div", RM, B, 6, 0xf6);
        sized(t, Op.DIV, "div", RM, W | L | Q, 6, 0xf7);
        sized(t, Op.IDIV, "idiv", RM, B, 7, 0xf6);
        sized(t, Op.IDIV, "idiv", RM, W | L | Q, 7, 0xf7);

        // Zero and sign extension: the name holds the source size, the suffix the destination's
        // (movzbl = movzx r/m8 to r32). movzx/movsx without the source letter are rewritten by the Encoder.
        sized(t, Op.MOVZB, "movzb", WIDEN_RM_REG, W | L | Q, -1, 0x0f, 0xb6);
        sized(t, Op.MOVZW, "movzw", WIDEN_RM_REG, L | Q, -1, 0x0f, 0xb7);
        sized(t, Op.MOVSB, "movsb", WIDEN_RM_REG, W | L | Q, -1, 0x0f, 0xbe);
        sized(t, Op.MOVSW, "movsw", WIDEN_RM_REG, L | Q, -1, 0x0f, 0xbf);
        sized(t, Op.MOVSL, "movsl", WIDEN_RM_REG, Q, -1, 0x63);

        // Stack: 64-bit by default, 66 for 16 bits.
        stack(t, Op.PUSH, "push", OREG, -1, 0x50);
        stack(t, Op.PUSH, "push", IMM8, -1, 0x6a);
        stack(t, Op.PUSH, "push", IMM, -1, 0x68);
        stack(t, Op.PUSH, "push", RM, 6, 0xff);
        stack(t, Op.POP, "pop", OREG, -1, 0x58);
        stack(t, Op.POP, "pop", RM, 0, 0x8f);

        // Branches: short first, relaxation grows them (see Layout).
        t.add(new Form(Op.JMP, List.of("jmp"), false, REL8, new int[] {0xeb}, -1, Q, true, -1));
        t.add(new Form(Op.JMP, List.of("jmp"), false, REL32, new int[] {0xe9}, -1, Q, true, -1));
        t.add(new Form(Op.JMP, List.of("jmp"), true, STAR_RM, new int[] {0xff}, 4, Q, true, -1));
        for (int cc = 0; cc < 16; cc++) {
            t.add(new Form(Op.JCC, CONDITIONS.get(cc), false, REL8, new int[] {0x70 + cc}, -1, Q, true, cc));
        }
        for (int cc = 0; cc < 16; cc++) {
            t.add(new Form(Op.JCC, CONDITIONS.get(cc), false, REL32, new int[] {0x0f, 0x80 + cc}, -1, Q, true, cc));
        }
        t.add(new Form(Op.CALL, List.of("call"), false, REL32, new int[] {0xe8}, -1, Q, true, -1));
        t.add(new Form(Op.CALL, List.of("call"), true, STAR_RM, new int[] {0xff}, 2, Q, true, -1));
        t.add(new Form(Op.RET, List.of("ret", "retq"), false, NONE, new int[] {0xc3}, -1, Q, true, -1));
        t.add(new Form(Op.RET, List.of("ret", "retq"), false, IMM16, new int[] {0xc2}, -1, Q, true, -1));
        t.add(new Form(Op.LOOP, List.of("loop"), false, REL8, new int[] {0xe2}, -1, Q, true, -1));
        return List.copyOf(t);
    }

    private static void plain(List<Form> t, Op op, List<String> names, int size, boolean stack64, int... opcode) {
        t.add(new Form(op, names, false, NONE, opcode, -1, size, stack64, -1));
    }

    private static void sized(List<Form> t, Op op, String name, Pattern p, int sizes, int digit, int... opcode) {
        t.add(new Form(op, List.of(name), true, p, opcode, digit, sizes, false, -1));
    }

    private static void stack(List<Form> t, Op op, String name, Pattern p, int digit, int opcode) {
        t.add(new Form(op, List.of(name), true, p, new int[] {opcode}, digit, W | Q, true, -1));
    }

    /** The rows of one shift or rotate /n: count 1 (written or not), imm8, %cl; byte and word/long/quad forms. */
    private static void shift(List<Form> t, Op op, List<String> names, int n) {
        for (Pattern p : List.of(RM, ONE_RM, IMMU8_RM, CL_RM)) {
            int base = p == IMMU8_RM ? 0xc0 : p == CL_RM ? 0xd2 : 0xd0;
            t.add(new Form(op, names, true, p, new int[] {base}, n, B, false, -1));
            t.add(new Form(op, names, true, p, new int[] {base + 1}, n, W | L | Q, false, -1));
        }
    }

    /** The rows of one bit-test instruction: {@code %reg, r/m} (0f op /r) and {@code $imm8, r/m} (0f ba /digit ib). */
    private static void bitTest(List<Form> t, Op op, String name, int opcode, int digit) {
        sized(t, op, name, REG_RM, W | L | Q, -1, 0x0f, opcode);
        sized(t, op, name, IMMU8_RM, W | L | Q, digit, 0x0f, 0xba);
    }

    /** The eight classic ALU rows of one operation: opcodes 8n+0..5 and 80/81/83 /n. */
    private static void alu(List<Form> t, Op op, String name, int n) {
        int base = n * 8;
        sized(t, op, name, REG_RM, B, -1, base);
        sized(t, op, name, REG_RM, W | L | Q, -1, base + 1);
        sized(t, op, name, RM_REG, B, -1, base + 2);
        sized(t, op, name, RM_REG, W | L | Q, -1, base + 3);
        sized(t, op, name, IMM8_RM, W | L | Q, n, 0x83);
        sized(t, op, name, IMM_ACC, B, -1, base + 4);
        sized(t, op, name, IMM_ACC, W | L | Q, -1, base + 5);
        sized(t, op, name, IMM_RM, B, n, 0x80);
        sized(t, op, name, IMM_RM, W | L | Q, n, 0x81);
    }
}
