package dev.shadowstep.core.vmx;

/** The basic VM-exit reasons the model produces (SDM Vol. 3 Appendix C), with their trace words. */
public enum ExitReason {
    EXCEPTION_NMI(0, "exception"),
    EXTERNAL_INTERRUPT(1, "external_interrupt"),
    INTERRUPT_WINDOW(7, "interrupt_window"),
    NMI_WINDOW(8, "nmi_window"),
    CPUID(10, "cpuid"),
    HLT(12, "hlt"),
    VMCALL(18, "vmcall"),
    VMCLEAR(19, "vmclear"),
    VMLAUNCH(20, "vmlaunch"),
    VMPTRLD(21, "vmptrld"),
    VMPTRST(22, "vmptrst"),
    VMREAD(23, "vmread"),
    VMRESUME(24, "vmresume"),
    VMWRITE(25, "vmwrite"),
    VMXOFF(26, "vmxoff"),
    VMXON(27, "vmxon"),
    CR_ACCESS(28, "cr_access"),
    DR_ACCESS(29, "dr_access"),
    IO(30, "io"),
    MSR_READ(31, "msr_read"),
    MSR_WRITE(32, "msr_write"),
    INVALID_GUEST_STATE(33, "invalid_guest_state"),
    PREEMPTION_TIMER(52, "preemption_timer");

    private final int code;
    private final String word;

    ExitReason(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** Returns the basic exit reason number. */
    public int code() { return code; }

    /** Returns the word used in the trace: exception, cpuid, hlt, msr_read, ... */
    public String word() { return word; }

    /** Returns the exit reason of a VMX instruction executed in VMX non-root operation (each exits, SDM 25.1.2). */
    public static ExitReason ofVmxInstruction(dev.shadowstep.core.asm.Op op) {
        return switch (op) {
            case VMLAUNCH -> VMLAUNCH;
            case VMRESUME -> VMRESUME;
            case VMREAD -> VMREAD;
            case VMWRITE -> VMWRITE;
            case VMXON -> VMXON;
            case VMXOFF -> VMXOFF;
            case VMCLEAR -> VMCLEAR;
            case VMPTRLD -> VMPTRLD;
            case VMPTRST -> VMPTRST;
            default -> throw new IllegalArgumentException(op + " is not a VMX instruction");
        };
    }

    /** Returns the reason with this number. */
    public static ExitReason of(int code) {
        for (ExitReason r : values()) {
            if (r.code == code) return r;
        }
        throw new IllegalArgumentException("exit reason " + code + " is not modelled");
    }
}
