package dev.shadowstep.run;

import dev.shadowstep.testing.Seed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.VectorSet;
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
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedStepsTest {

    static final String SEED = Seed.PROGRAM;

    static Program seed() {
        return Assembler.assemble(SEED, List.of());
    }

    static MachineSetup seedSetup(Program p) {
        Idt idt = Idt.EMPTY.with(1, p.symbols().get("db_handler"), Idt.GateType.INTERRUPT)
                .with(0xaa, p.symbols().get("irq_handler"), Idt.GateType.INTERRUPT);
        CpuState initial = CpuState.reset(p.base(), MachineSetup.KERNEL_RSP).withApic(new Apic(VectorSet.of(0xaa), VectorSet.EMPTY, 0));
        return new MachineSetup(p.base(), p.image(), initial, idt, List.of(), 10_000);
    }

    /** A recorded run of over three checkpoints, with the true state after every step beside it. */
    record LongRun(RecordedSteps steps, StepRecorder recorder, List<CpuState> truth) {}

    static LongRun longRun() {
        Program p = Assembler.assemble("""
                mov $700, %ecx
                again: inc %rax
                push %rax
                pop %rbx
                cmp $350, %ecx
                jne 1f
                sti
                1: loop again
                cli
                hlt
                irq: movl $0x80b, %ecx
                xor %eax, %eax
                xor %edx, %edx
                wrmsr
                mov $1, %ecx
                iretq
                """, List.of());
        CpuState initial = CpuState.reset(p.base(), MachineSetup.KERNEL_RSP);
        MachineSetup setup = new MachineSetup(p.base(), p.image(), initial,
                Idt.EMPTY.with(0xec, p.symbols().get("irq"), Idt.GateType.INTERRUPT),
                List.of(new HostAction(new HostAction.Trigger.AtStep(900), new HostAction.Effect.RaiseIrq(0xec))), 100_000);
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
        return new LongRun(new RecordedSteps(recorder, p), recorder, truth);
    }

    @Test
    void everyRebuiltStateEqualsTheStateTheRunProducedAcrossCheckpoints() {
        LongRun run = longRun();
        RecordedSteps steps = run.steps();
        List<CpuState> truth = run.truth();

        assertThat(steps.size()).isEqualTo(truth.size()).isGreaterThan(3 * StepRecorder.CHECKPOINT_EVERY);
        for (int i = 0; i < truth.size(); i++) {
            assertThat(steps.statesAround(i)[1]).as("state after step %d", i).isEqualTo(truth.get(i));
        }
        assertThat(run.recorder().events()).extracting(Event::type).containsExactly(Event.Type.IRQ);
    }

    @Test
    void statesRebuiltInAnyOrderEqualTheRunsWhateverStateWasRebuiltLast() {
        LongRun run = longRun();
        RecordedSteps steps = run.steps();
        List<CpuState> truth = run.truth();
        int n = truth.size();
        int[] order = {n - 1, 0, 300, 299, 301, 255, 256, 257, 511, 260, 259, 5, n - 2, 700, 900, 901, 902, 513, 1};
        for (int i : order) {
            assertThat(steps.statesAround(i)[1]).as("state after step %d", i).isEqualTo(truth.get(i));
            assertThat(steps.statesAround(i)[0]).as("state before step %d", i)
                    .isEqualTo(i == 0 ? steps.statesAround(0)[0] : truth.get(i - 1).withRip(steps.rip(i)));
        }
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < 500; k++) {
            int i = random.nextInt(n);
            assertThat(steps.statesAround(i)[1]).as("state after step %d", i).isEqualTo(truth.get(i));
        }
    }

    @Test
    void kindRipAndStateAnswerAsTheBuiltStepDoes() {
        RecordedSteps steps = longRun().steps();
        for (int i = 0; i < steps.size(); i += 7) {
            Step step = steps.get(i);
            assertThat(steps.kind(i)).as("kind of step %d", i).isEqualTo(step.kind());
            assertThat(steps.rip(i)).as("rip of step %d", i).isEqualTo(step.rip());
            assertThat(steps.state(i)).as("state of step %d", i).usingRecursiveComparison().isEqualTo(step.state());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> steps.kind(-1))
                .hasMessageContaining("the run has " + steps.size() + " steps");
    }

    @Test
    void theSeedTraceHasTheEventsTheKvmSelftestExpects() {
        Program p = seed();
        Trace t = CoreRun.run(p, seedSetup(p), new Trace.ScenarioRef("seed", null)).trace();
        assertThat(t.events()).extracting(Event::type, Event::label, Event::dr6).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Event.Type.DB, "fep_sti_start", 0xffff4ff0L),
                org.assertj.core.groups.Tuple.tuple(Event.Type.IRQ, "fep_sti_start", null),
                org.assertj.core.groups.Tuple.tuple(Event.Type.DB, "fep_sti_end", 0xffff4ff0L));
        assertThat(t.events().getFirst().cause()).containsExactly("BS");
        assertThat(t.events().getFirst().via()).isEqualTo("native");
        assertThat(t.outcome().status().wireName()).isEqualTo("completed");
        assertThat(t.outcome().step()).isEqualTo(t.steps().size() - 1);
    }

    @Test
    void theStepsExplainTheRulesForAStudent() {
        Program p = seed();
        Trace t = CoreRun.run(p, seedSetup(p), new Trace.ScenarioRef("seed", null)).trace();
        Step popf = t.steps().get(2);
        assertThat(popf.text()).isEqualTo("popf");
        assertThat(popf.changed()).contains("rflags", "tf", "rsp", "rip");
        assertThat(popf.why()).startsWith("POPF set TF; the first single-step #DB comes after the next instruction");
        assertThat(popf.held()).containsExactly("IRQ 0xaa held: IF=0");

        Step sti = t.steps().get(3);
        assertThat(sti.why()).contains("STI set IF and starts the STI shadow").contains("It began with TF=1");
        assertThat(sti.state().shadow().name()).isEqualTo("STI");
        assertThat(sti.state().pendingDb()).isEqualTo(0x4000);

        Step db = t.steps().get(4);
        assertThat(db.kind()).isEqualTo(Step.Kind.DELIVER);
        assertThat(db.text()).isEqualTo("#DB delivered");
        assertThat(db.why()).contains("STI shadow does not block #DB").contains("before cli (fep_sti_start)");
        assertThat(db.held()).containsExactly("IRQ 0xaa held: STI shadow (blocking by STI lasts one instruction, SDM STI)");
        assertThat(db.label()).isEqualTo("fep_sti_start");
        assertThat(db.changed()).contains("rip", "dr6", "tf", "if", "shadow", "pending_db");

        Step iret = t.steps().get(6);
        assertThat(iret.text()).isEqualTo("iretq");
        assertThat(iret.why()).contains("IRET restored RFLAGS from the frame (TF=0, IF=1, RF=0) and created no shadow")
                .contains("the pending IRQ 0xaa is taken at once");
        Step irq = t.steps().get(7);
        assertThat(irq.text()).isEqualTo("IRQ 0xaa delivered");
        assertThat(irq.changed()).contains("irr", "isr");
    }

    @Test
    void askingForAStepOutsideTheRunNamesTheRange() {
        Program p = seed();
        Trace t = CoreRun.run(p, seedSetup(p), new Trace.ScenarioRef("seed", null)).trace();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.steps().get(t.steps().size()))
                .hasMessageContaining("the run has " + t.steps().size() + " steps");
    }
}
