package dev.shadowstep.core.kvm;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Platform;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.vmx.ExitReason;
import dev.shadowstep.core.vmx.Vmcs;

/**
 * Which guest instructions exit under KVM on VMX: CPUID and VMCALL always, HLT (HLT exiting),
 * RDMSR/WRMSR (no APICv: the MSR bitmap intercepts the x2APIC and the other modelled MSRs), IN/OUT
 * (unconditional I/O exiting) and MOV DR while MOV-DR exiting is on. UD2 and unknown bytes raise #UD,
 * which the exception bitmap turns into an exit.
 */
final class KvmPlatform implements Platform {
    private final Vcpu vcpu;
    private final BareMetal metal = new BareMetal();

    KvmPlatform(Vcpu vcpu) {
        this.vcpu = vcpu;
    }

    @Override public ExecResult cpuid(CpuState s, Instruction i) { return exit(ExitReason.CPUID, 0, i); }

    @Override public ExecResult rdmsr(CpuState s, Instruction i) { return exit(ExitReason.MSR_READ, 0, i); }

    @Override public ExecResult wrmsr(CpuState s, Instruction i) { return exit(ExitReason.MSR_WRITE, 0, i); }

    @Override public ExecResult hlt(CpuState s, Instruction i) { return exit(ExitReason.HLT, 0, i); }

    @Override public ExecResult vmcall(CpuState s, Instruction i) { return exit(ExitReason.VMCALL, 0, i); }

    /** The VMX instructions (VMLAUNCH, VMREAD, VMXON, ...) exit unconditionally in VMX non-root operation (SDM 25.1.2). */
    @Override public ExecResult vmxInstruction(CpuState s, Instruction i) {
        return exit(ExitReason.ofVmxInstruction(i.op()), 0, i);
    }

    /** I/O exit qualification (SDM Table 27-5): size-1 in 2:0, 1 = IN in bit 3, immediate port in bit 6, port in 31:16. */
    @Override public ExecResult in(CpuState s, Instruction i, int port) {
        return exit(ExitReason.IO, ioQualification(i.size(), true, i.src() instanceof Operand.Imm, port), i);
    }

    @Override public ExecResult out(CpuState s, Instruction i, int port, long value) {
        return exit(ExitReason.IO, ioQualification(i.size(), false, i.dst() instanceof Operand.Imm, port), i);
    }

    @Override public ExecResult invalidOpcode(CpuState s, Instruction i, String reason) {
        return metal.invalidOpcode(s, i, reason);
    }

    /** MOV-DR exit qualification (SDM Table 27-4): DR number in 2:0, 1 = MOV from DR in bit 4, register in 11:8. */
    @Override public ExecResult movDr(CpuState s, Instruction i) {
        if (!vcpu.vmcs.control(Vmcs.MOV_DR_EXITING)) return null;
        boolean from = i.op() == Op.MOV_FROM_DR;
        Operand.Reg gpr = (Operand.Reg) (from ? i.dst() : i.src());
        long q = DebugRegisterAccess.drNumber(i) | (from ? 0x10 : 0) | (long) gpr.num() << 8;
        return exit(ExitReason.DR_ACCESS, q, i);
    }

    /** MOV CR exits by KVM's CR0/CR4 guest/host masks and CR8-load/store exiting (ControlRegisterExits). */
    @Override public ExecResult movCr(CpuState s, Instruction i) {
        return ControlRegisterExits.exitFor(vcpu, s, i);
    }

    static long ioQualification(int size, boolean in, boolean immediate, int port) {
        return dev.shadowstep.core.vmx.VmxOperation.ioQualification(size, in, immediate, port);
    }

    private static ExecResult exit(ExitReason reason, long qualification, Instruction i) {
        return new ExecResult.Exited(VmExit.instruction(reason.code(), qualification, i.length()));
    }
}
