package dev.shadowstep.core.asm;

/** Decodes instruction bytes with the assembler's instruction table. (Placeholder until wip-asm lands.) */
public final class Decoder {
    private Decoder() {}

    /**
     * Returns the instruction encoded at {@code code[offset]}, which sits at guest address {@code address}.
     *
     * @throws InvalidOpcodeException when the bytes are not an instruction shadowstep knows (the CPU raises #UD)
     */
    public static Instruction decode(byte[] code, int offset, long address) {
        throw new InvalidOpcodeException(address, "decoder not built yet");
    }
}
