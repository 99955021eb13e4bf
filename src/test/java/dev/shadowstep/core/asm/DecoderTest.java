package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.core.asm.Operand.ControlReg;
import dev.shadowstep.core.asm.Operand.DebugReg;
import dev.shadowstep.core.asm.Operand.Imm;
import dev.shadowstep.core.asm.Operand.Mem;
import dev.shadowstep.core.asm.Operand.Reg;
import dev.shadowstep.core.asm.Operand.Rel;
import dev.shadowstep.core.asm.Operand.SegReg;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The decoder's operand conventions, its refusals (#UD), and the round trip over every program. */
class DecoderTest {
    private static final long AT = Program.BASE;

    private static Instruction decode(String hex) {
        return Decoder.decode(HexFormat.ofDelimiter(" ").parseHex(hex), 0, AT);
    }

    record Case(String hex, Instruction expected) {}

    private static final int NONE = Mem.NONE;

    static final List<Case> CASES = List.of(
            new Case("48 81 0c 24 00 01 00 00", new Instruction(Op.OR, 8, new Mem(4, NONE, 1, 0), new Imm(0x100), -1, 8)),
            new Case("48 81 64 24 10 ff fe ff ff", new Instruction(Op.AND, 8, new Mem(4, NONE, 1, 0x10), new Imm(-257), -1, 9)),
            new Case("48 89 05 10 00 00 00", new Instruction(Op.MOV, 8, new Mem(Mem.RIP, NONE, 1, 0x10), new Reg(0, 8), -1, 7)),
            new Case("48 8b 04 25 00 20 40 00", new Instruction(Op.MOV, 8, new Reg(0, 8), new Mem(NONE, NONE, 1, 0x402000), -1, 8)),
            new Case("4a 8d 44 8b f8", new Instruction(Op.LEA, 8, new Reg(0, 8), new Mem(3, 9, 4, -8), -1, 5)),
            new Case("88 e3", new Instruction(Op.MOV, 1, new Reg(3, 1), new Reg(0, 1, true), -1, 2)),
            new Case("40 88 e7", new Instruction(Op.MOV, 1, new Reg(7, 1), new Reg(4, 1), -1, 3)),
            new Case("b9 0b 08 00 00", new Instruction(Op.MOV, 4, new Reg(1, 4), new Imm(0x80b), -1, 5)),
            new Case("49 ba 89 67 45 23 01 00 00 00", new Instruction(Op.MOV, 8, new Reg(10, 8), new Imm(0x123456789L), -1, 10)),
            new Case("0f 21 c0", new Instruction(Op.MOV_FROM_DR, 8, new Reg(0, 8), new DebugReg(0), -1, 3)),
            new Case("41 0f 23 ff", new Instruction(Op.MOV_TO_DR, 8, new DebugReg(7), new Reg(15, 8), -1, 4)),
            new Case("0f 22 e0", new Instruction(Op.MOV_TO_CR, 8, new ControlReg(4), new Reg(0, 8), -1, 3)),
            new Case("44 0f 20 c0", new Instruction(Op.MOV_FROM_CR, 8, new Reg(0, 8), new ControlReg(8), -1, 4)),
            new Case("41 0f 20 d7", new Instruction(Op.MOV_FROM_CR, 8, new Reg(15, 8), new ControlReg(2), -1, 4)),
            // MOV CR ignores ModRM.mod: 0f 22 18 (mod 00) still names %rax -> %cr3 (SDM Vol. 2B MOV CR)
            new Case("0f 22 18", new Instruction(Op.MOV_TO_CR, 8, new ControlReg(3), new Reg(0, 8), -1, 3)),
            new Case("8e d0", new Instruction(Op.MOV_TO_SEG, 2, new SegReg(SegReg.SS), new Reg(0, 4), -1, 2)),
            new Case("8e 14 24", new Instruction(Op.MOV_TO_SEG, 2, new SegReg(SegReg.SS), new Mem(4, NONE, 1, 0), -1, 3)),
            new Case("8c d0", new Instruction(Op.MOV_FROM_SEG, 4, new Reg(0, 4), new SegReg(SegReg.SS), -1, 2)),
            new Case("66 8c d0", new Instruction(Op.MOV_FROM_SEG, 2, new Reg(0, 2), new SegReg(SegReg.SS), -1, 3)),
            new Case("8c 10", new Instruction(Op.MOV_FROM_SEG, 2, new Mem(0, NONE, 1, 0), new SegReg(SegReg.SS), -1, 2)),
            new Case("e4 80", new Instruction(Op.IN, 1, new Reg(0, 1), new Imm(0x80), -1, 2)),
            new Case("66 ed", new Instruction(Op.IN, 2, new Reg(0, 2), new Reg(2, 2), -1, 2)),
            new Case("e6 80", new Instruction(Op.OUT, 1, new Imm(0x80), new Reg(0, 1), -1, 2)),
            new Case("ef", new Instruction(Op.OUT, 4, new Reg(2, 2), new Reg(0, 4), -1, 1)),
            new Case("cd 80", new Instruction(Op.INT, 0, new Imm(0x80), null, -1, 2)),
            new Case("cc", new Instruction(Op.INT3, 0, null, null, -1, 1)),
            new Case("f1", new Instruction(Op.INT1, 0, null, null, -1, 1)),
            new Case("48 cf", new Instruction(Op.IRET, 8, null, null, -1, 2)),
            new Case("cf", new Instruction(Op.IRET, 4, null, null, -1, 1)),
            new Case("9c", new Instruction(Op.PUSHF, 8, null, null, -1, 1)),
            new Case("0f 01 c1", new Instruction(Op.VMCALL, 0, null, null, -1, 3)),
            new Case("41 50", new Instruction(Op.PUSH, 8, new Reg(8, 8), null, -1, 2)),
            new Case("66 50", new Instruction(Op.PUSH, 2, new Reg(0, 2), null, -1, 2)),
            new Case("6a ff", new Instruction(Op.PUSH, 8, new Imm(-1), null, -1, 2)),
            new Case("8f 40 08", new Instruction(Op.POP, 8, new Mem(0, NONE, 1, 8), null, -1, 3)),
            new Case("74 fe", new Instruction(Op.JCC, 8, new Rel(AT), null, 4, 2)),
            new Case("0f 8f 00 01 00 00", new Instruction(Op.JCC, 8, new Rel(AT + 6 + 0x100), null, 15, 6)),
            new Case("eb 10", new Instruction(Op.JMP, 8, new Rel(AT + 0x12), null, -1, 2)),
            new Case("e8 fb ff ff ff", new Instruction(Op.CALL, 8, new Rel(AT), null, -1, 5)),
            new Case("ff e0", new Instruction(Op.JMP, 8, new Reg(0, 8), null, -1, 2)),
            new Case("ff 10", new Instruction(Op.CALL, 8, new Mem(0, NONE, 1, 0), null, -1, 2)),
            new Case("e2 fe", new Instruction(Op.LOOP, 8, new Rel(AT), null, -1, 2)),
            new Case("c3", new Instruction(Op.RET, 8, null, null, -1, 1)),
            new Case("c2 08 00", new Instruction(Op.RET, 8, new Imm(8), null, -1, 3)),
            new Case("a9 00 01 00 00", new Instruction(Op.TEST, 4, new Reg(0, 4), new Imm(0x100), -1, 5)),
            new Case("fe 00", new Instruction(Op.INC, 1, new Mem(0, NONE, 1, 0), null, -1, 2)),
            new Case("49 ff c9", new Instruction(Op.DEC, 8, new Reg(9, 8), null, -1, 3)));

    @TestFactory
    Stream<DynamicTest> bytesDecodeToTheDocumentedOperandConventions() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.hex() + " => " + Disassembler.format(c.expected()),
                () -> assertThat(decode(c.hex())).isEqualTo(c.expected())));
    }

    @Test
    void lockIsAcceptedOnlyBeforeALockableInstructionWritingMemory() {
        // SDM Vol. 2, LOCK: BTS BTR BTC XCHG CMPXCHG (among others) with a memory destination; anything else #UD.
        assertThat(decode("f0 0f ab 03").op()).isEqualTo(Op.BTS);
        assertThat(decode("f0 48 0f b1 0b").op()).isEqualTo(Op.CMPXCHG);
        assertThat(decode("f0 48 87 03").op()).isEqualTo(Op.XCHG);
        for (String hex : List.of("f0 0f a3 03", "f0 48 87 c3", "f0 0f b1 ca", "f0 f7 f1", "f0 0f b6 00")) {
            assertThatThrownBy(() -> decode(hex)).as(hex).isInstanceOf(InvalidOpcodeException.class)
                    .hasMessageContaining("LOCK");
        }
    }

    @Test
    void rexBOn90IsXchgWithR8NotNop() {
        // 90 is NOP only without REX.B; 41 90 exchanges R8D and EAX (SDM Vol. 2, NOP; XCHG).
        Instruction i = decode("41 90");
        assertThat(i.op()).isEqualTo(Op.XCHG);
        assertThat(Disassembler.format(i)).isEqualTo("xchg %eax,%r8d");
        assertThat(decode("48 90").op()).as("REX.W 90 is still NOP").isEqualTo(Op.NOP);
    }

    @Test
    void bytesOutsideTheTableAreInvalidOpcodes() {
        for (String hex : List.of("0f 05", "82 c0 01", "8d c0", "8e c8",
                "0f 0d 00", "c4 e2 79", "f0 90", "f0 ff c0", "f0 8b 00", "f0 f3 90", "64 8b 00", "65 ff 00", "d8 00", "62 00",
                "66 c3", "44 0f 21 c0", "ff 38", "8f 48 00", "8c f0")) {
            assertThatThrownBy(() -> decode(hex)).as(hex).isInstanceOf(InvalidOpcodeException.class)
                    .satisfies(e -> assertThat(((InvalidOpcodeException) e).address()).isEqualTo(AT));
        }
    }

    @Test
    void anInstructionCutOffByTheEndOfTheCodeIsInvalid() {
        for (String hex : List.of("48", "e9 00 00", "48 81 0c 24 00 01", "66")) {
            assertThatThrownBy(() -> decode(hex)).as(hex).isInstanceOf(InvalidOpcodeException.class)
                    .hasMessageContaining("past the end");
        }
    }

    @Test
    void moreThanFifteenBytesIsTooLong() {
        // SDM Vol. 2, 2.3.11: at most 15 bytes; 14 redundant prefixes + int3 is the longest legal form.
        assertThat(decode("2e ".repeat(14) + "cc")).isEqualTo(new Instruction(Op.INT3, 0, null, null, -1, 15));
        assertThatThrownBy(() -> decode("2e ".repeat(15) + "cc")).isInstanceOf(InstructionTooLongException.class);
        assertThatThrownBy(() -> decode("66 ".repeat(15) + "90")).isInstanceOf(InstructionTooLongException.class);
        assertThatThrownBy(() -> decode("66 ".repeat(4) + "48 81 84 24 00 01 00 00 00 01 00 00"))
                .isInstanceOf(InstructionTooLongException.class);
    }

    @TestFactory
    Stream<DynamicTest> legacyAndRexPrefixesDecodeAsTheSdmSays() {
        // Expected values from the SDM Vol. 2 2.1.1 / 2.2.1 rules and objdump -d of the same bytes.
        return Stream.of(
                new Case("2e 90", new Instruction(Op.NOP, 0, null, null, -1, 2)),
                new Case("3e 90", new Instruction(Op.NOP, 0, null, null, -1, 2)),
                new Case("26 f4", new Instruction(Op.HLT, 0, null, null, -1, 2)),
                new Case("66 90", new Instruction(Op.NOP, 0, null, null, -1, 2)),
                new Case("f3 90", new Instruction(Op.PAUSE, 0, null, null, -1, 2)),
                new Case("40 90", new Instruction(Op.NOP, 0, null, null, -1, 2)),
                new Case("48 90", new Instruction(Op.NOP, 0, null, null, -1, 2)),
                new Case("f3 c3", new Instruction(Op.RET, 8, null, null, -1, 2)),
                new Case("0f 1f 00", new Instruction(Op.NOP, 4, new Mem(0, NONE, 1, 0), null, -1, 3)),
                new Case("66 66 2e 0f 1f 84 00 00 00 00 00", new Instruction(Op.NOP, 2, new Mem(0, 0, 1, 0), null, -1, 11)),
                new Case("2e 2e 2e 2e 2e 2e 2e 2e 2e 2e 2e cc", new Instruction(Op.INT3, 0, null, null, -1, 12)),
                new Case("2e 2e f1", new Instruction(Op.INT1, 0, null, null, -1, 3)),
                new Case("f0 48 83 00 01", new Instruction(Op.ADD, 8, new Mem(0, NONE, 1, 0), new Imm(1), -1, 5)),
                new Case("66 f0 83 00 01", new Instruction(Op.ADD, 2, new Mem(0, NONE, 1, 0), new Imm(1), -1, 5)),
                new Case("67 8b 00", new Instruction(Op.MOV, 4, new Reg(0, 4), new Mem(0, NONE, 1, 0, true), -1, 3)),
                new Case("48 2e 90", new Instruction(Op.NOP, 0, null, null, -1, 3)),          // REX before a legacy prefix is ignored
                new Case("48 66 8b 00", new Instruction(Op.MOV, 2, new Reg(0, 2), new Mem(0, NONE, 1, 0), -1, 4)),
                new Case("48 d1 15 84 00 00 00", new Instruction(Op.RCL, 8, new Mem(Mem.RIP, NONE, 1, 0x84), null, -1, 7)),
                new Case("d3 e0", new Instruction(Op.SHL, 4, new Reg(0, 4), new Reg(1, 1), -1, 2)),
                new Case("c1 e8 03", new Instruction(Op.SHR, 4, new Reg(0, 4), new Imm(3), -1, 3)),
                new Case("ce", new Instruction(Op.INTO, 0, null, null, -1, 1)))
                .map(c -> DynamicTest.dynamicTest(c.hex(), () -> assertThat(decode(c.hex())).isEqualTo(c.expected())));
    }

    @TestFactory
    Stream<DynamicTest> everyListingLineOfEveryProgramDecodesAndReassemblesToItsBytes() throws Exception {
        return GnuAsComparisonTest.sources().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Program program = Assembler.assemble(s.program(), s.data());
            for (Program.Line line : program.listing()) {
                if (RoundTrip.isInstruction(line)) RoundTrip.check(program, line);
            }
        }));
    }
}
