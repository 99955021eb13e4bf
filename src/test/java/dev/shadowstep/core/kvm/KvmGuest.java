package dev.shadowstep.core.kvm;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.VectorSet;
import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.event.HostAction;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Idt;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.Machine;
import dev.shadowstep.core.event.MachineSetup;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.StepListener;
import dev.shadowstep.core.event.VmcsFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Test fixture: assembles an AT&T program and runs it under KVM, recording host steps, events and deliveries. */
final class KvmGuest {
    private final Program program;
    private Idt idt = Idt.EMPTY;
    private final List<HostAction> actions = new ArrayList<>();
    private UnaryOperator<CpuStateBuilder> setup = b -> b;
    private boolean reinjectFix = true, emulatedFix = true;
    private final Set<GuestDebug> debug = EnumSet.noneOf(GuestDebug.class);
    private final long[] hostDr = new long[4];
    private long hostDr7 = 0x400;

    private KvmGuest(String source) {
        this.program = Assembler.assemble(source, List.of());
    }

    static KvmGuest program(String source) {
        return new KvmGuest(source);
    }

    long addr(String label) {
        return program.symbols().get(label);
    }

    KvmGuest idt(int vector, String label) {
        idt = idt.with(vector, addr(label), Idt.GateType.INTERRUPT);
        return this;
    }

    KvmGuest state(UnaryOperator<CpuStateBuilder> change) {
        UnaryOperator<CpuStateBuilder> before = setup;
        setup = b -> change.apply(before.apply(b));
        return this;
    }

    KvmGuest irr(int... vectors) {
        return state(b -> b.apic(new Apic(VectorSet.of(vectors), VectorSet.EMPTY, 0)));
    }

    KvmGuest withoutReinjectFix() {
        reinjectFix = false;
        return this;
    }

    KvmGuest withoutEmulatedFix() {
        emulatedFix = false;
        return this;
    }

    KvmGuest guestDebug(GuestDebug... flags) {
        debug.add(GuestDebug.ENABLE);
        debug.addAll(List.of(flags));
        return this;
    }

    KvmGuest hostDr(int n, String label, long dr7) {
        hostDr[n] = addr(label);
        hostDr7 = dr7;
        return this;
    }

    KvmGuest host(HostAction.Trigger trigger, HostAction.Effect effect) {
        actions.add(new HostAction(trigger, effect));
        return this;
    }

    Run run() {
        CpuState initial = setup.apply(CpuState.reset(program.base(), MachineSetup.KERNEL_RSP).toBuilder()).build();
        MachineSetup ms = new MachineSetup(program.base(), program.image(), initial, idt, actions, 10_000);
        KvmConfig config = new KvmConfig(true, reinjectFix, emulatedFix, debug,
                List.of(hostDr[0], hostDr[1], hostDr[2], hostDr[3]), hostDr7);
        Run run = new Run(program);
        Machine m = new Machine(ms, new Kvm(config), run, program::symbolAt, program::symbolAt);
        run.machine = m;
        run.end = m.run();
        return run;
    }

    /** A guest delivery as a test sees it. */
    record Delivered(Interruption.Source source, int vector, String at, long dr6, boolean injected, CpuState after) {}

    /** What a run did. */
    static final class Run implements StepListener {
        final Program program;
        final List<String> trail = new ArrayList<>();
        final List<HostEvent> events = new ArrayList<>();
        final List<HostStep> hostSteps = new ArrayList<>();
        final List<Delivered> deliveries = new ArrayList<>();
        final List<CpuState> afterHostSteps = new ArrayList<>();
        RunEnd end;
        Machine machine;

        Run(Program program) {
            this.program = program;
        }

        @Override public void instruction(CpuState before, Instruction insn, CpuState after, InstructionRule rule) {
            trail.add("insn " + program.symbolAt(before.rip()));
        }

        @Override public void delivery(CpuState b, CpuState a, Interruption e, boolean byInsn, List<String> held) {
            deliveries.add(new Delivered(e.source(), e.vector(), program.symbolAt(e.pushedRip()), a.dr6(), e.injected(), a));
            trail.add((e.injected() ? "inject " : "deliver ") + e.title() + " at " + program.symbolAt(e.pushedRip()));
        }

        @Override public void host(CpuState before, CpuState after, HostAction action) {
            trail.add("host " + action.title());
        }

        @Override public void vmm(CpuState before, CpuState after, HostStep step) {
            hostSteps.add(step);
            afterHostSteps.add(after);
            if (step.event() != null) events.add(step.event());
            trail.add(step.kind().name().toLowerCase() + " " + step.title());
        }

        /** Returns the RFLAGS a delivery pushed (no error code). */
        long pushedRflags(Delivered d) {
            return machine.memory().read(d.after().reg(dev.shadowstep.core.cpu.Regs.RSP) + 16, 8);
        }

        /** Returns the host step titles of one kind, in order. */
        List<String> titles(HostStep.Kind kind) {
            return hostSteps.stream().filter(s -> s.kind() == kind).map(HostStep::title).toList();
        }

        /** Returns the first host step with this title. */
        HostStep step(String title) {
            return hostSteps.stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow(
                    () -> new AssertionError("no host step '" + title + "' in " + trail));
        }

        /** Returns the VMCS fields after the first host step with this title. */
        VmcsFields vmcsAfter(String title) {
            return step(title).vmcs();
        }

        List<HostEvent.ExitToHost> exitsToHost() {
            return events.stream().filter(e -> e instanceof HostEvent.ExitToHost).map(e -> (HostEvent.ExitToHost) e).toList();
        }

        List<String> exitReasons() {
            return events.stream().filter(e -> e instanceof HostEvent.VmExitEvent).map(e -> ((HostEvent.VmExitEvent) e).reason())
                    .toList();
        }
    }
}
