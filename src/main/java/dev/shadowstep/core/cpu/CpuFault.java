package dev.shadowstep.core.cpu;

/**
 * An exception raised while executing an instruction (a fault: the instruction does not
 * retire and the pushed RIP points at it). Thrown inside the executor and turned into an
 * {@link ExecResult.Fault}; it carries no stack trace because it is control flow.
 */
public final class CpuFault extends RuntimeException {
    public static final int DE = 0, DB = 1, BP = 3, UD = 6, DF = 8, GP = 13, PF = 14;

    private final int vector;
    private final int errorCode;
    private final long address;

    /**
     * @param vector    exception vector
     * @param errorCode the error code pushed, or -1 for none
     * @param address   for #PF the faulting linear address (CR2), else 0
     * @param reason    a sentence for the trace: the rule and its source
     */
    public CpuFault(int vector, int errorCode, long address, String reason) {
        super(reason, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.address = address;
    }

    /** Returns a #GP(0) with the reason. */
    public static CpuFault gp(String reason) {
        return new CpuFault(GP, 0, 0, reason);
    }

    /** Returns a #GP with a selector error code. */
    public static CpuFault gp(int selector, String reason) {
        return new CpuFault(GP, selector & 0xFFFC, 0, reason);
    }

    /** Returns a #UD with the reason. */
    public static CpuFault ud(String reason) {
        return new CpuFault(UD, -1, 0, reason);
    }

    /** Returns a #PF for an access to unmapped memory (P=0; W and I/D bits from the access). */
    public static CpuFault pageFault(long address, boolean write, boolean fetch) {
        int code = (write ? 2 : 0) | (fetch ? 0x10 : 0);
        String what = fetch ? "instruction fetch" : write ? "write" : "read";
        return new CpuFault(PF, code, address, String.format(
                "The %s at 0x%x touches unmapped memory: #PF with CR2 = 0x%x (SDM 4.7).", what, address, address));
    }

    public int vector() { return vector; }
    public int errorCode() { return errorCode; }
    public long address() { return address; }
    public String reason() { return getMessage(); }

    /** Returns this fault as raised at CPL 3: a #PF error code gets U/S (bit 2). */
    public CpuFault atCpl(int cpl) {
        return vector == PF && cpl == 3 ? new CpuFault(vector, errorCode | 4, address, getMessage()) : this;
    }
}
