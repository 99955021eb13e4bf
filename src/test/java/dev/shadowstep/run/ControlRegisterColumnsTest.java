package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.event.HostAction;
import dev.shadowstep.core.event.Idt;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.Machine;
import dev.shadowstep.core.event.MachineSetup;
import dev.shadowstep.core.event.StepListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CR0, CR3, CR4 (and CR8 through the TPR) written by MOV CR are rebuilt from the step columns across checkpoints. */
class ControlRegisterColumnsTest {

    @Test
    void everyRebuiltStateHasTheControlRegistersTheRunWrote() {
        Program p = Assembler.assemble("""
                mov $300, %ecx
                again: mov %cr4, %rax
                xor $X86_CR4_DE, %rax
                mov %rax, %cr4
                mov %cr0, %rbx
                xor $X86_CR0_CD, %ebx
                mov %rbx, %cr0
                mov %rcx, %rdx
                shl $12, %rdx
                mov %rdx, %cr3
                mov %rcx, %rdx
                and $15, %edx
                mov %rdx, %cr8
                loop again
                cli
                hlt
                """, List.of());
        CpuState initial = CpuState.reset(p.base(), MachineSetup.KERNEL_RSP);
        MachineSetup setup = new MachineSetup(p.base(), p.image(), initial, Idt.EMPTY, List.of(), 100_000);
        StepRecorder recorder = new StepRecorder(initial, p.base(), 4096, p::symbolAt);
        List<CpuState> truth = new ArrayList<>();
        StepListener both = new StepListener() {
            @Override public void instruction(CpuState b, Instruction i, CpuState a, InstructionRule rule) {
                recorder.instruction(b, i, a, rule);
                truth.add(a);
            }
            @Override public void delivery(CpuState b, CpuState a, Interruption e, boolean byInsn, List<String> held) {
                recorder.delivery(b, a, e, byInsn, held);
                truth.add(a);
            }
            @Override public void host(CpuState b, CpuState a, HostAction action) { recorder.host(b, a, action); truth.add(a); }
        };
        new Machine(setup, new BareMetal(), both, Long::toHexString).run();
        RecordedSteps steps = new RecordedSteps(recorder, p);

        assertThat(steps.size()).isEqualTo(truth.size()).isGreaterThan(3 * StepRecorder.CHECKPOINT_EVERY);
        // Loop counts 300..1: after the last pass CR3 = 1 << 12, CR8 = 1, and DE and CD were toggled 300 times.
        CpuState last = truth.getLast();
        assertThat(last.cr3()).isEqualTo(0x1000);
        assertThat(last.cr8()).isEqualTo(1);
        assertThat(last.cr4De()).isFalse();
        for (int i = 0; i < truth.size(); i++) {
            assertThat(steps.statesAround(i)[1]).as("state after step %d", i).isEqualTo(truth.get(i));
        }
        assertThat(truth.stream().map(CpuState::cr4).distinct()).hasSize(2);
    }
}
