package dev.shadowstep.core.vmx;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Idt;
import dev.shadowstep.core.event.Machine;
import dev.shadowstep.core.event.MachineSetup;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.StepListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: a bare-metal program that is its own hypervisor, run under {@link VmxOperation}. The
 * program text goes between {@link #PROLOGUE} (nothing: each test writes its VMXON) and the data: a VMXON
 * region and a VMCS region with the revision identifier written by the program, as kvm-unit-tests'
 * init_vmx() does. #UD and #GP handlers record their vector in R15 and halt.
 */
final class L1 {
    /** The revision identifier (IA32_VMX_BASIC bits 30:0) into both regions, then VMXON (CR4.VMXE is set at reset). */
    static final String VMXON = """
            mov $0x480, %ecx
            rdmsr
            mov %eax, vmxon_region(%rip)
            mov %eax, vmcs_region(%rip)
            vmxon vmxon_ptr(%rip)
            """;
    /** VMXON, then VMCLEAR and VMPTRLD of the VMCS region: a current, clear VMCS. */
    static final String CURRENT = VMXON + """
            vmclear vmcs_ptr(%rip)
            vmptrld vmcs_ptr(%rip)
            """;
    private static final String TAIL = """
            hlt
            ud_handler:
            mov $6, %r15
            hlt
            gp_handler:
            mov $13, %r15
            hlt
            .balign 8
            vmxon_ptr: .quad vmxon_region
            vmcs_ptr: .quad vmcs_region
            misaligned_ptr: .quad vmcs_region + 8
            norev_ptr: .quad norev_region
            stored: .quad 0
            .balign 4096, 0
            vmxon_region: .skip 4096
            vmcs_region: .skip 4096
            norev_region: .long 0
            """;

    /** What a run did: its end, and the VM entries and exits it recorded. */
    record Run(RunEnd end, Program program, List<HostStep> vmmSteps) {
        CpuState state() { return end.state(); }

        long reg(int n) { return end.state().reg(n); }

        /** Returns CF, PF, AF, ZF, SF, OF of the final RFLAGS. */
        long status() { return end.state().rflags() & Rflags.STATUS; }

        long addr(String label) { return program.symbols().get(label); }

        /** Returns R15: 6 after #UD, 13 after #GP, else what the program put there. */
        long vector() { return reg(15); }
    }

    /** Runs {@code body} with CR4.VMXE set, as kvm-unit-tests' enable_vmx() leaves it. */
    static Run run(String body) {
        return run(body, true);
    }

    static Run run(String body, boolean vmxe) {
        Program p = Assembler.assemble(body + TAIL, List.of());
        Idt idt = Idt.EMPTY.with(6, p.symbols().get("ud_handler"), Idt.GateType.INTERRUPT)
                .with(13, p.symbols().get("gp_handler"), Idt.GateType.INTERRUPT);
        CpuState initial = CpuState.reset(p.base(), MachineSetup.KERNEL_RSP);
        if (vmxe) initial = initial.toBuilder().cr(initial.cr().withCr4(initial.cr4() | ControlRegisters.CR4_VMXE)).build();
        List<HostStep> steps = new ArrayList<>();
        StepListener listener = new StepListener() {
            @Override public void instruction(CpuState b, dev.shadowstep.core.asm.Instruction i, CpuState a,
                                              dev.shadowstep.core.cpu.InstructionRule r) {}
            @Override public void delivery(CpuState b, CpuState a, dev.shadowstep.core.event.Interruption e, boolean i,
                                           List<String> h) {}
            @Override public void host(CpuState b, CpuState a, dev.shadowstep.core.event.HostAction action) {}
            @Override public void vmm(CpuState b, CpuState a, HostStep step) { steps.add(step); }
        };
        MachineSetup setup = new MachineSetup(p.base(), p.image(), initial, idt, List.of(), 10_000);
        RunEnd end = new Machine(setup, new VmxOperation(), listener, p::symbolAt, p::symbolAt).run();
        return new Run(end, p, steps);
    }

    private L1() {}
}
