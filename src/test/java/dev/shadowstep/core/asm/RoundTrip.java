package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Decodes a listing line and re-assembles the disassembly, for the round-trip tests. */
final class RoundTrip {
    private RoundTrip() {}

    /** Returns whether the line holds an instruction (not data, padding or the KVM_FEP bytes). */
    static boolean isInstruction(Program.Line line) {
        return line.bytes().length > 0 && !line.text().startsWith(".") && !line.text().equals("KVM_FEP");
    }

    /**
     * Checks that the line decodes to its own length and that the disassembly re-assembles to
     * the same bytes. The one exception is a displacement GNU as widened to 32 bits because it
     * was a forward label difference: the text then re-assembles to the same instruction,
     * shorter (AT&T text cannot ask for disp32 without as's {disp32} pseudo-prefix).
     */
    static void check(Program program, Program.Line line) {
        Instruction insn = Decoder.decode(program.image(), (int) (line.address() - program.base()), line.address());
        assertThat(insn.length()).as("length of %s", line.text()).isEqualTo(line.bytes().length);
        String text = Disassembler.format(insn);
        byte[] again = Assembler.assemble(text, List.of(), line.address()).image();
        boolean hasMemory = insn.src() instanceof Operand.Mem || insn.dst() instanceof Operand.Mem;
        if (hasMemory && again.length < line.bytes().length) {
            Instruction back = Decoder.decode(again, 0, line.address());
            assertThat(sansLength(back)).as("%s from '%s'", text, line.text()).isEqualTo(sansLength(insn));
            return;
        }
        // The disassembly names no legacy prefix but 66 (f3 90 is 'pause'): the bytes again are the line's without them.
        byte[] sansPrefixes = withoutLegacyPrefixes(line.bytes(), insn.size() != 0);
        if (insn.op() == Op.PAUSE) sansPrefixes = new byte[] {(byte) 0xf3, (byte) 0x90};
        // vmxon (f3) and vmclear (66) take their prefix as part of the opcode, so the disassembly shows it by its name.
        if (insn.op() == Op.VMXON || insn.op() == Op.VMCLEAR) sansPrefixes = line.bytes();
        assertThat(InstructionEncodingTest.hex(again)).as("%s from '%s'", text, line.text())
                .isEqualTo(InstructionEncodingTest.hex(sansPrefixes));
    }

    /** Drops the prefixes the disassembly cannot show; {@code keep66} when 66 sizes the operands. */
    private static byte[] withoutLegacyPrefixes(byte[] bytes, boolean keep66) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        for (; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean legacy = switch (b) {
                case 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x67 -> true;
                default -> false;
            };
            if (b == 0x66) {
                if (keep66) out.write(b);
            } else if (!legacy) {
                break;
            }
        }
        out.write(bytes, i, bytes.length - i);
        return out.toByteArray();
    }

    private static Instruction sansLength(Instruction i) {
        return new Instruction(i.op(), i.size(), i.dst(), i.src(), i.cond(), 0);
    }
}
