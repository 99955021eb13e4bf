package dev.shadowstep.core.asm;

/** The bytes at an address are not an instruction the table knows; the CPU turns this into #UD. */
public final class InvalidOpcodeException extends RuntimeException {
    private final long address;

    public InvalidOpcodeException(long address, String message) {
        super(message);
        this.address = address;
    }

    public long address() { return address; }
}
