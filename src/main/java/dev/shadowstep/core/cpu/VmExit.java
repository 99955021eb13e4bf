package dev.shadowstep.core.cpu;

/**
 * What a VM exit reports about its cause, as the CPU writes it into the VMCS exit-information
 * fields (SDM Vol. 3 27.2.1, 27.2.2). Only meaningful in VMX non-root operation.
 *
 * @param reason            the basic exit reason (SDM Appendix C), e.g. 0 exception or NMI, 10 CPUID
 * @param qualification     the exit qualification (SDM Table 27-1 and following), 0 where none is defined
 * @param interruptionInfo  the VM-exit interruption information for exception and NMI exits (valid bit 31,
 *                          type 10:8, vector 7:0, error code valid bit 11), else 0
 * @param errorCode         the exception's error code when bit 11 of {@code interruptionInfo} is set
 * @param instructionLength the VM-exit instruction length for instruction exits and software exceptions, else 0
 */
public record VmExit(int reason, long qualification, long interruptionInfo, int errorCode, int instructionLength) {

    /** Returns an exit caused by an instruction: CPUID, HLT, RDMSR, ... with its length. */
    public static VmExit instruction(int reason, long qualification, int length) {
        return new VmExit(reason, qualification, 0, 0, length);
    }
}
