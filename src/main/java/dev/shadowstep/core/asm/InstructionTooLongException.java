package dev.shadowstep.core.asm;

/**
 * The bytes at an address make an instruction longer than 15 bytes (for example more than 14
 * redundant prefixes before a one-byte opcode): the CPU raises #GP(0) (SDM Vol. 2, 2.3.11).
 */
public final class InstructionTooLongException extends RuntimeException {
    private final long address;

    public InstructionTooLongException(long address) {
        super("the instruction is longer than 15 bytes");
        this.address = address;
    }

    public long address() { return address; }
}
