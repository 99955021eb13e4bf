package dev.shadowstep.core.event;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.VectorSet;
import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.DataCell;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test fixture: assembles an AT&T program, runs it on bare metal and records what was delivered. */
final class Guest {
    private final Program program;
    private Idt idt = Idt.EMPTY;
    private final List<HostAction> actions = new ArrayList<>();
    private UnaryOperator<CpuStateBuilder> setup = b -> b;
    private int cpl = 0;
    private int maxSteps = 10_000;

    private Guest(String source, List<DataCell> data) {
        this.program = Assembler.assemble(source, data);
    }

    static Guest program(String source) {
        return new Guest(source, List.of());
    }

    static Guest program(String source, DataCell... data) {
        return new Guest(source, List.of(data));
    }

    long addr(String label) {
        Long a = program.symbols().get(label);
        if (a == null) throw new IllegalArgumentException("no label " + label);
        return a;
    }

    Guest idt(int vector, String label) {
        idt = idt.with(vector, addr(label), Idt.GateType.INTERRUPT);
        return this;
    }

    Guest trapGate(int vector, String label) {
        idt = idt.with(vector, addr(label), Idt.GateType.TRAP);
        return this;
    }

    Guest state(UnaryOperator<CpuStateBuilder> change) {
        UnaryOperator<CpuStateBuilder> before = setup;
        setup = b -> change.apply(before.apply(b));
        return this;
    }

    Guest irr(int... vectors) {
        return state(b -> b.apic(new Apic(VectorSet.of(vectors), b.apic().isr(), b.apic().tpr())));
    }

    /** Starts in xAPIC mode: the registers are the MMIO page at 0xfee00000. */
    Guest xapic() {
        return state(b -> b.apic(b.apic().withX2apic(false)));
    }

    Guest cpl3() {
        cpl = 3;
        return state(b -> b.cpl(3).ss(0x23).reg(Regs.RSP, MachineSetup.USER_RSP));
    }

    Guest host(HostAction.Trigger trigger, HostAction.Effect effect) {
        actions.add(new HostAction(trigger, effect));
        return this;
    }

    /** Starts with IF=1 (RFLAGS = reset value | IF). */
    Guest interruptsEnabled() {
        return state(b -> b.rflags(Rflags.RESET | Rflags.IF));
    }

    /** The host raises IRQ {@code vector} at the boundary before step {@code step}. */
    Guest irqAtStep(int step, int vector) {
        return host(new HostAction.Trigger.AtStep(step), new HostAction.Effect.RaiseIrq(vector));
    }

    /** The host raises an NMI at the boundary before step {@code step}. */
    Guest nmiAtStep(int step) {
        return host(new HostAction.Trigger.AtStep(step), new HostAction.Effect.RaiseNmi());
    }

    Guest maxSteps(int n) {
        maxSteps = n;
        return this;
    }

    Run run() {
        CpuState initial = setup.apply(CpuState.reset(program.base(), MachineSetup.KERNEL_RSP).toBuilder()).build();
        MachineSetup ms = new MachineSetup(program.base(), program.image(), initial, idt, actions, maxSteps);
        Run run = new Run(program);
        Machine m = new Machine(ms, new BareMetal(), run, rip -> program.symbolAt(rip));
        run.machine = m;
        run.end = m.run();
        return run;
    }

    /** One delivery as a test sees it. */
    record Delivered(Interruption.Source source, int vector, long at, long dr6, long pushedRflags, long pushedCs,
                     long pushedSs, int errorCode, CpuState after, String why, List<String> held, boolean byInstruction) {}

    /** What a run did. */
    static final class Run implements StepListener {
        final Program program;
        final List<Delivered> deliveries = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        final List<String> insnHeld = new ArrayList<>();
        final List<TimerExpiry> expiries = new ArrayList<>();
        RunEnd end;
        Machine machine;
        int instructions;

        Run(Program program) {
            this.program = program;
        }

        @Override public void instruction(CpuState before, Instruction insn, CpuState after, InstructionRule rule) {
            instructions++;
            steps.add("insn " + program.symbolAt(before.rip()));
        }

        @Override public void delivery(CpuState before, CpuState after, Interruption e, boolean byInsn, List<String> held) {
            // The frame is [error code,] RIP, CS, RFLAGS, RSP, SS from the handler's RSP upwards.
            long frame = after.reg(Regs.RSP) + (e.errorCode() >= 0 ? 8 : 0);
            deliveries.add(new Delivered(e.source(), e.vector(), e.pushedRip(), after.dr6(),
                    machine.memory().read(frame + 16, 8), machine.memory().read(frame + 8, 8),
                    machine.memory().read(frame + 32, 8), e.errorCode(), after, e.why(), held, byInsn));
            steps.add("deliver " + e.title() + " at " + program.symbolAt(e.pushedRip()));
        }

        @Override public void host(CpuState before, CpuState after, HostAction action) {
            steps.add("host " + action.title());
        }

        @Override public void timer(CpuState before, CpuState after, TimerExpiry expiry) {
            expiries.add(expiry);
            steps.add("timer " + expiry.title());
        }

        List<Delivered> of(Interruption.Source... sources) {
            List<Interruption.Source> wanted = List.of(sources);
            return deliveries.stream().filter(d -> wanted.contains(d.source())).toList();
        }

        long addr(String label) {
            return program.symbols().get(label);
        }

        /** Returns "source@label" for each delivery, e.g. {@code DEBUG_TRAP@fep_sti_start}. */
        List<String> trail() {
            return deliveries.stream().map(d -> d.source() + "@" + program.symbolAt(d.at())).toList();
        }

        List<Long> dr6s(Interruption.Source source) {
            return deliveries.stream().filter(d -> d.source() == source).map(Delivered::dr6).toList();
        }
    }
}
