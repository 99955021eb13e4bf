package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;

/**
 * The instructions whose effect depends on what the CPU runs on: on bare metal they act on the
 * CPU; under VMX they may cause VM exits instead. The executor has already done the
 * architectural privilege checks (CPL, IOPL) that come before any VM exit. Each method returns
 * the result before the retirement rules (single-step, RF, shadow), which the executor applies.
 */
public interface Platform {

    /** CPUID: leaf in EAX, subleaf in ECX. */
    ExecResult cpuid(CpuState s, Instruction i);

    /** RDMSR: MSR index in ECX, result in EDX:EAX. */
    ExecResult rdmsr(CpuState s, Instruction i);

    /** WRMSR: MSR index in ECX, value in EDX:EAX. */
    ExecResult wrmsr(CpuState s, Instruction i);

    /** RDMSR at time-stamp counter {@code tsc} (instructions retired before it), which the APIC timer registers read. */
    default ExecResult rdmsr(CpuState s, Instruction i, long tsc) {
        return rdmsr(s, i);
    }

    /** WRMSR at time-stamp counter {@code tsc} (instructions retired before it), from which an APIC timer write counts. */
    default ExecResult wrmsr(CpuState s, Instruction i, long tsc) {
        return wrmsr(s, i);
    }

    /** HLT (CPL 0). */
    ExecResult hlt(CpuState s, Instruction i);

    /** IN from {@code port}, {@code size} bytes, into the destination register. */
    ExecResult in(CpuState s, Instruction i, int port);

    /** OUT of {@code value} ({@code size} bytes) to {@code port}. */
    ExecResult out(CpuState s, Instruction i, int port, long value);

    /** VMCALL. */
    ExecResult vmcall(CpuState s, Instruction i);

    /**
     * VMLAUNCH, VMRESUME, VMREAD, VMWRITE in guest text. Outside VMX operation (bare metal) they are #UD
     * (SDM Vol. 3C 24.x: each VMX instruction but VMXON is #UD outside VMX operation; Vol. 2, VMLAUNCH/VMRESUME,
     * VMREAD, VMWRITE "IF (not in VMX operation) ... THEN #UD"); in VMX non-root operation they exit.
     */
    default ExecResult vmxInstruction(CpuState s, Instruction i) {
        return new ExecResult.Fault(CpuFault.ud(i.op() + " outside VMX operation is #UD: this guest runs on bare metal, "
                + "where no VMXON put the CPU in VMX operation (SDM Vol. 2, " + i.op() + ")."), null);
    }

    /**
     * An invalid opcode: UD2, or bytes the decoder does not know (then {@code i} is null).
     *
     * @param reason why the bytes are invalid
     */
    ExecResult invalidOpcode(CpuState s, Instruction i, String reason);

    /**
     * MOV to or from a debug register, after its #UD (DR4/DR5 with CR4.DE=1) and CPL checks, which
     * have priority over a VM exit (SDM 26.1.1). Returns a VM exit ("MOV-DR exiting"), or null to
     * execute it on the CPU, general detect included.
     */
    default ExecResult movDr(CpuState s, Instruction i) {
        return null;
    }

    /**
     * MOV to or from a control register, after its #UD (CR1, CR5-CR7, CR9-CR15) and CPL checks, which
     * have priority over a VM exit (SDM Vol. 3C 25.1.1), and before the value is checked. Returns a VM
     * exit (CR-access exiting: exit reason 28), or null to execute it on the CPU.
     */
    default ExecResult movCr(CpuState s, Instruction i) {
        return null;
    }
}
