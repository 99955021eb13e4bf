package dev.shadowstep.core.kvm;

import dev.shadowstep.core.apic.X2Apic;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.vmx.ExitReason;
import dev.shadowstep.core.cpu.DebugRegisterAccess;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.Msr;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.VmmContext;

/**
 * Exits on instructions KVM emulates and skips: CPUID, HLT, RDMSR, WRMSR, IN/OUT, VMCALL and MOV DR.
 * The architectural result is the same as on bare metal (the guest's CPUID table, MSRs and APIC are
 * the model's); KVM's part is the skip, the single-step #DB it owes, and the halt.
 */
final class InstructionExits {
    private InstructionExits() {}

    private static final BareMetal METAL = new BareMetal();
    /** -KVM_ENOSYS: the result of an unknown hypercall (include/uapi/linux/kvm_para.h). */
    static final long KVM_ENOSYS = -1000;
    /** -KVM_EPERM: the result of a hypercall from CPL > 0. */
    static final long KVM_EPERM = -1;

    /** kvm_emulate_cpuid: the guest's CPUID table (as userspace set it), then kvm_skip_emulated_instruction. */
    static Handled kvmEmulateCpuid(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        ExecResult r = METAL.cpuid(s, insn(host, s));
        return complete(host, v, s, r, "kvm_emulate_cpuid", String.format("kvm_emulate_cpuid: leaf 0x%x from the guest's CPUID "
                + "table.", s.reg(Regs.RAX) & 0xFFFFFFFFL));
    }

    /**
     * kvm_emulate_halt: kvm_skip_emulated_instruction, then the vCPU halts in KVM (mp_state HALTED,
     * kvm_vcpu_block) instead of in the CPU, until an event makes it runnable.
     */
    static Handled kvmEmulateHalt(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        ExecResult r = METAL.hlt(s, insn(host, s));
        return complete(host, v, s, r, "kvm_emulate_halt", "kvm_emulate_halt: the vCPU halts in KVM (mp_state HALTED); "
                + "KVM enters the guest again only when kvm_vcpu_has_events sees an injectable event.");
    }

    /** kvm_emulate_rdmsr: no APICv, so x2APIC reads come here too (kvm_x2apic_msr_read). */
    static Handled kvmEmulateRdmsr(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        int msr = (int) s.reg(Regs.RCX);
        ExecResult r = METAL.rdmsr(s, insn(host, s), host.memory().tsc());
        return complete(host, v, s, r, "kvm_emulate_rdmsr", String.format("kvm_emulate_rdmsr: MSR 0x%x%s.", msr,
                X2Apic.handles(msr) ? " is read from KVM's emulated x2APIC (kvm_x2apic_msr_read)" : ""));
    }

    /** kvm_emulate_wrmsr: x2APIC writes go to KVM's emulated APIC (EOI, TPR, ICR self-IPIs). */
    static Handled kvmEmulateWrmsr(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        int msr = (int) s.reg(Regs.RCX);
        long value = (s.reg(Regs.RDX) << 32) | (s.reg(Regs.RAX) & 0xFFFFFFFFL);
        ExecResult r = METAL.wrmsr(s, insn(host, s), host.memory().tsc());
        return complete(host, v, s, r, "kvm_emulate_wrmsr", "kvm_emulate_wrmsr: " + wrmsrWords(s, msr, value));
    }

    private static String wrmsrWords(CpuState s, int msr, long value) {
        return switch (msr) {
            case X2Apic.EOI -> s.apic().isr().isEmpty() ? "x2APIC EOI with nothing in service (kvm_x2apic_msr_write)."
                    : "x2APIC EOI: apic_set_eoi retires vector 0x" + Integer.toHexString(s.apic().isr().highest())
                    + " from the ISR of KVM's APIC.";
            case X2Apic.ICR -> String.format("x2APIC ICR = 0x%x: kvm_apic_send_ipi; a fixed self-IPI sets the vector's IRR "
                    + "bit in KVM's APIC (KVM injects it later).", value);
            case X2Apic.TPR -> String.format("x2APIC TPR = 0x%x in KVM's APIC.", value);
            case Msr.DEBUGCTL -> String.format("IA32_DEBUGCTL = 0x%x (vmx_set_msr writes GUEST_IA32_DEBUGCTL).", value);
            case Msr.TSC_DEADLINE -> s.apic().timer().mode() == dev.shadowstep.core.apic.ApicTimer.Mode.TSC_DEADLINE
                    ? String.format("IA32_TSC_DEADLINE = %d: kvm_set_lapic_tscdeadline_msr arms KVM's emulated timer (the "
                            + "fastpath handles the write).", value)
                    : "IA32_TSC_DEADLINE outside TSC-deadline mode: kvm_set_lapic_tscdeadline_msr ignores it (the fastpath "
                            + "handles the write).";
            case X2Apic.LVT_TIMER, X2Apic.INITIAL_COUNT, X2Apic.DIVIDE_CONFIG -> String.format("x2APIC timer register 0x%x = 0x%x "
                    + "in KVM's emulated APIC (kvm_x2apic_msr_write, kvm_lapic_reg_write: apic_update_lvtt, start_apic_timer, "
                    + "update_divide_count); the timer is KVM's hrtimer, counted here in guest instructions.", msr, value);
            default -> String.format("MSR 0x%x = 0x%x.", msr, value);
        };
    }

    /** handle_io: no device in the kernel, so KVM_EXIT_IO to userspace, which answers (IN reads all ones). */
    static Handled handleIo(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        boolean in = (exit.qualification() & 8) != 0;
        int port = (int) (exit.qualification() >>> 16);
        int size = (int) (exit.qualification() & 7) + 1;
        Long value = in ? null : s.reg(Regs.RAX) & (size == 4 ? 0xFFFFFFFFL : (1L << 8 * size) - 1);
        v.step(host, "handle_io", String.format("handle_io: %s port 0x%x (%d byte%s) has no in-kernel device, so "
                + "kvm_fast_pio_%s fills run->io and KVM_RUN returns with KVM_EXIT_IO; the next KVM_RUN completes the "
                + "instruction (complete_fast_pio_%s).", in ? "IN from" : "OUT to", port, size, size == 1 ? "" : "s",
                in ? "in" : "out", in ? "in" : "out"), s);
        return new Handled.IoToUserspace(s.rip(), port, in, size, value);
    }

    /**
     * complete_fast_pio_in / complete_fast_pio_out, run by the next KVM_RUN (vcpu->arch.complete_userspace_io): if
     * RIP is still the I/O instruction's (kvm_is_linear_rip), an IN takes the data userspace left (all ones: no
     * device filled it) and either is skipped with kvm_skip_emulated_instruction (its single-step #DB included).
     */
    static Handled completePio(VmmContext host, Vcpu v, Handled.IoToUserspace io) {
        CpuState s = host.state();
        String function = io.in() ? "complete_fast_pio_in" : "complete_fast_pio_out";
        if (s.rip() != io.rip()) {
            v.step(host, function, String.format("%s: RIP is 0x%x, no longer the I/O instruction's 0x%x (userspace moved "
                    + "it), so KVM does not complete the instruction (kvm_is_linear_rip).", function, s.rip(), io.rip()), s);
            return Handled.RESUME;
        }
        Instruction i = insn(host, s);
        ExecResult r = io.in() ? METAL.in(s, i, io.port()) : METAL.out(s, i, io.port(), io.value());
        return complete(host, v, s, r, function, function + (io.in()
                ? ": the IN takes the data in the run page (all ones: no device answered)."
                : ": the OUT is done (userspace took the data)."));
    }

    /** kvm_emulate_hypercall: no hypercall is modelled, so RAX = -KVM_ENOSYS (-KVM_EPERM from CPL 3). */
    static Handled kvmEmulateHypercall(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        long result = s.cpl() != 0 ? KVM_EPERM : KVM_ENOSYS;
        CpuState next = s.withReg(Regs.RAX, result).withRip(s.rip() + exit.instructionLength());
        return complete(host, v, s, new ExecResult.Retired(next), "kvm_emulate_hypercall", String.format(
                "kvm_emulate_hypercall: hypercall 0x%x is %s: RAX = %d.", s.reg(Regs.RAX),
                s.cpl() != 0 ? "not allowed from CPL 3 (-KVM_EPERM)" : "unknown (-KVM_ENOSYS)", result));
    }

    /**
     * handle_vmx_instruction: this model's KVM runs without nested VMX (kvm_intel nested=0), so the VMX
     * instructions a guest executes are #UD for it: KVM queues #UD (kvm_queue_exception(vcpu, UD_VECTOR)),
     * a fault, RIP stays at the instruction.
     */
    static Handled handleVmxInstruction(VmmContext host, Vcpu v, ExitReason reason) {
        CpuState s = host.state();
        String why = "handle_vmx_instruction: nested VMX is off (kvm_intel nested=0), so " + reason.word().toUpperCase()
                + " is #UD for the guest: KVM queues #UD (kvm_queue_exception(vcpu, UD_VECTOR)); RIP stays at it.";
        v.queue(CpuFault.UD, -1, 0, QueuedException.Origin.EMULATED, "the #UD of a VMX instruction without nested VMX");
        v.step(host, "handle_vmx_instruction", why, s);
        return Handled.RESUME;
    }

    /**
     * handle_dr (MOV-DR exiting, on while guest debugging is): the VM exit comes before a general-detect
     * #DB, so KVM emulates GD from GUEST_DR7 (the hardware DR7: the host's with USE_HW_BP): KVM_EXIT_DEBUG
     * with USE_HW_BP, else a #DB(BD) for the guest. Without GD KVM emulates the access on the guest's
     * own registers and skips the instruction.
     */
    static Handled handleDr(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        int n = (int) (exit.qualification() & 7);
        boolean from = (exit.qualification() & 0x10) != 0;
        int gpr = (int) ((exit.qualification() >>> 8) & 0xF);
        if ((s.dr7() & Dr7.GD) != 0) {
            if (v.hostOwnsDebugRegs()) {
                String why = "handle_dr: GUEST_DR7 (the host's, KVM_GUESTDBG_USE_HW_BP) has GD set, and the MOV-DR exit came "
                        + "before the general-detect #DB, so KVM reports it: dr6 = DR6_BD | DR6_ACTIVE_LOW, dr7 = GUEST_DR7, pc = the MOV.";
                v.step(host, "handle_dr", why, s);
                return new Handled.ToUserspace(new DebugExit(CpuFault.DB, s.rip(), Vcpu.reportedDr6(Dr6.BD), why, s.dr7()));
            }
            v.queue(CpuFault.DB, -1, Dr6.BD, QueuedException.Origin.EMULATED, "general detect on a MOV DR");
            v.step(host, "handle_dr", "handle_dr: GUEST_DR7 has GD set and the MOV-DR exit came before the general-detect "
                    + "#DB, so KVM queues #DB with payload BD for the guest (fault-like: RIP stays at the MOV).", s);
            return Handled.RESUME;
        }
        int reg = DebugRegisterAccess.aliased(n);
        CpuState next;
        String what;
        if (from) {
            long value = DebugRegisterEmulation.read(v, s, reg);
            next = s.withReg(gpr, value);
            what = String.format("handle_dr: MOV from DR%d reads the guest's value 0x%x (kvm_get_dr).", n, value);
        } else {
            long value = s.reg(gpr);
            if (reg >= 6 && (value >>> 32) != 0) {
                return complete(host, v, s, new ExecResult.Fault(CpuFault.gp("bits 63:32 set")), "handle_dr",
                        String.format("handle_dr: writing 0x%x to DR%d sets bits 63:32 (kvm_set_dr fails).", value, n));
            }
            next = DebugRegisterEmulation.write(v, s, reg, value);
            what = String.format("handle_dr: MOV to DR%d writes 0x%x to the guest's register (kvm_set_dr)%s.", n, value,
                    v.hostOwnsDebugRegs() && reg != 6 ? "; the hardware keeps the host's value" : "");
        }
        return complete(host, v, s, new ExecResult.Retired(next.withRip(s.rip() + exit.instructionLength())),
                "handle_dr", what);
    }

    /** The instruction's effect, then kvm_skip_emulated_instruction; a fault is injected (kvm_inject_gp) instead. */
    static Handled complete(VmmContext host, Vcpu v, CpuState before, ExecResult r, String title, String what) {
        return switch (r) {
            case ExecResult.Retired(CpuState next, var creates, var rule) -> {
                Skip.Skipped skipped = Skip.kvmSkipEmulatedInstruction(v, before, next);
                v.step(host, title, what + " " + skipped.why(), skipped.guest());
                yield skipped.next();
            }
            case ExecResult.Fault(CpuFault f, var from) -> {
                v.queueFault(f, f.reason());
                v.step(host, title, what + " It fails: " + f.reason() + " KVM injects the fault (kvm_inject_gp).", before);
                yield Handled.RESUME;
            }
            default -> throw new IllegalStateException(title + " cannot end in " + r);
        };
    }

    private static Instruction insn(VmmContext host, CpuState s) {
        return host.decode(s.rip());
    }
}
