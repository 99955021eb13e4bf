package dev.shadowstep.run;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.ApicTimer;
import dev.shadowstep.core.apic.VectorSet;
import dev.shadowstep.core.asm.AsmError;
import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.AssemblyException;
import dev.shadowstep.core.asm.DataCell;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Selectors;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.HostAction;
import dev.shadowstep.core.event.Idt;
import dev.shadowstep.core.event.MachineSetup;
import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.kvm.GuestDebug;
import dev.shadowstep.findings.Findings;
import dev.shadowstep.scenario.CpuSetup;
import dev.shadowstep.scenario.ExpectMatcher;
import dev.shadowstep.scenario.IdtEntry;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLabels;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Scenario}: assembles the program, builds the machine (on bare metal, under KVM on
 * VMX, or under bare VMX), runs it and returns the trace with the scenario's expectations checked
 * and its findings.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /**
     * Returns the trace of {@code scenario}, with its expectations checked and its findings
     * ({@link Findings}).
     *
     * @param id the permalink id, or null
     * @throws ScenarioException when the program does not assemble, a label is unknown, or the
     *                           initial state is impossible; each error is located
     */
    public static Trace run(Scenario scenario, String id) {
        Trace trace = runWithoutFindings(scenario, id);
        return trace.withFindings(Findings.of(scenario, trace, variant -> runWithoutFindings(variant, id)));
    }

    /**
     * Returns the trace of {@code scenario} with its expectations checked and no findings: for
     * callers that review it themselves, and for the re-runs a review makes.
     *
     * @param id the permalink id, or null
     * @throws ScenarioException as {@link #run}
     */
    public static Trace runWithoutFindings(Scenario scenario, String id) {
        Program program = assemble(scenario);
        List<ScenarioError> labelErrors = ScenarioLabels.check(scenario, program.symbols().keySet());
        if (!labelErrors.isEmpty()) throw new ScenarioException(labelErrors);
        MachineSetup setup = setup(scenario, program);
        Vmm vmm = HypervisorSetup.vmm(scenario.hypervisor(), program.symbols());
        Trace trace = CoreRun.run(program, setup, vmm, new Trace.ScenarioRef(scenario.title(), id)).trace();
        return trace.withExpectations(
                ExpectMatcher.match(scenario.expect(), trace.events(), trace.outcome(), program.symbols()));
    }

    /**
     * Checks that the scenario can run, without running it: the program assembles, every label it
     * names exists, and the machine and the VMM can be built. For editors that check as you type.
     *
     * @return the assembled program (its symbols are the labels' addresses)
     * @throws ScenarioException as {@link #run}, with every error located
     */
    public static Program check(Scenario scenario) {
        Program program = assemble(scenario);
        List<ScenarioError> labelErrors = ScenarioLabels.check(scenario, program.symbols().keySet());
        if (!labelErrors.isEmpty()) throw new ScenarioException(labelErrors);
        setup(scenario, program);
        HypervisorSetup.vmm(scenario.hypervisor(), program.symbols());
        return program;
    }

    /** Assembles the program with the scenario's data cells; assembly errors are located in the file. */
    static Program assemble(Scenario scenario) {
        List<DataCell> data = new ArrayList<>();
        scenario.data().forEach((name, values) -> data.add(new DataCell(name, values)));
        try {
            return Assembler.assemble(scenario.program(), data);
        } catch (AssemblyException e) {
            List<ScenarioError> errors = new ArrayList<>();
            for (AsmError a : e.errors()) {
                int fileLine = scenario.programLine() > 0 ? scenario.programLine() + a.line() - 1 : 0;
                errors.add(new ScenarioError("program", fileLine, 0, "program line " + a.line() + ", column " + a.column()
                        + ": " + a.message()));
            }
            throw new ScenarioException(errors);
        }
    }

    /** Returns the machine the scenario describes: initial state, IDT, host actions and step budget. */
    static MachineSetup setup(Scenario scenario, Program program) {
        Map<String, Long> symbols = program.symbols();
        CpuSetup cpu = scenario.cpu();
        long rip = cpu.rip() == null ? program.base() : cpu.rip().resolve(symbols);
        CpuStateBuilder b = CpuState.reset(rip, MachineSetup.KERNEL_RSP).toBuilder();
        for (int r = 0; r < 16; r++) b.reg(r, cpu.regs().get(r));
        if (cpu.cpl() == 3) {
            // At CPL 3 the default stack top would collide with RSP0: the user stack ends at 0x7fe000.
            if (cpu.regs().get(Regs.RSP) == CpuSetup.STACK_TOP) b.reg(Regs.RSP, MachineSetup.USER_RSP);
            b.ss(Selectors.USER_SS);
        }
        for (int n = 0; n < 4; n++) b.dr(n, cpu.dr().get(n).resolve(symbols));
        b.rflags(cpu.rflags()).cpl(cpu.cpl()).dr6(cpu.dr6()).dr7(cpu.dr7()).debugctl(cpu.debugctl())
                .cr(new ControlRegisters(cpu.cr0(), cpu.cr3(), cpu.cr4()))
                .shadow(Shadow.valueOf(cpu.shadow().name()))
                .apic(new Apic(VectorSet.of(scenario.apic().irr()), VectorSet.of(scenario.apic().isr()), scenario.apic().tpr())
                        .withX2apic(scenario.apic().x2apic()).withTimer(timerAtStart(scenario.apic().timer())));
        CpuState initial;
        try {
            initial = b.build();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(List.of(new ScenarioError("cpu", 0, 0, e.getMessage())));
        }
        Idt idt = Idt.EMPTY;
        for (Map.Entry<Integer, IdtEntry> e : scenario.idt().entrySet()) {
            idt = idt.with(e.getKey(), e.getValue().handler().resolve(symbols),
                    e.getValue().gate() == IdtEntry.Gate.TRAP ? Idt.GateType.TRAP : Idt.GateType.INTERRUPT);
        }
        List<HostAction> actions = scenario.host().stream().map(a -> hostAction(a, symbols)).toList();
        return new MachineSetup(program.base(), program.image(), initial, idt, actions, scenario.limits().maxSteps());
    }

    private static HostAction hostAction(dev.shadowstep.scenario.HostAction a, Map<String, Long> symbols) {
        HostAction.Trigger trigger = switch (a.trigger()) {
            case dev.shadowstep.scenario.HostAction.At at -> new HostAction.Trigger.AtAddress(at.address().resolve(symbols));
            case dev.shadowstep.scenario.HostAction.AtStep s -> new HostAction.Trigger.AtStep(s.step());
            case dev.shadowstep.scenario.HostAction.WhenHalted w -> new HostAction.Trigger.WhenHalted();
            case dev.shadowstep.scenario.HostAction.OnExit o -> new HostAction.Trigger.OnExit(o.exit(), o.nth());
            default -> throw new IllegalStateException("unknown trigger " + a.trigger());
        };
        HostAction.Effect effect = switch (a.effect()) {
            case dev.shadowstep.scenario.HostAction.RaiseIrq irq -> new HostAction.Effect.RaiseIrq(irq.vector());
            case dev.shadowstep.scenario.HostAction.RaiseNmi nmi -> new HostAction.Effect.RaiseNmi();
            case dev.shadowstep.scenario.HostAction.SetRegs r -> new HostAction.Effect.SetRegs(
                    r.rip() == null ? null : r.rip().resolve(symbols), r.ripAdd(), r.rflags(), r.setFlags(), r.clearFlags(),
                    r.regs());
            case dev.shadowstep.scenario.HostAction.SetDebugRegs d -> new HostAction.Effect.SetDebugRegs(
                    d.dr().stream().map(dr -> dr == null ? null : dr.resolve(symbols)).toList(), d.dr6(), d.dr7());
            case dev.shadowstep.scenario.HostAction.SetGuestDebug g -> new HostAction.Effect.SetGuestDebug(
                    g.flags().stream().mapToInt(f -> GuestDebug.valueOf(f.name()).value()).reduce(0, (x, y) -> x | y),
                    g.dr().stream().map(dr -> dr.resolve(symbols)).toList(), g.dr7());
            case dev.shadowstep.scenario.HostAction.Stop stop -> new HostAction.Effect.Stop();
            default -> throw new IllegalStateException("unknown effect " + a.effect());
        };
        String origin = a.path() + ", line " + a.line() + (a.note() == null ? "" : ": " + a.note());
        return new HostAction(trigger, effect, origin);
    }

    /** The scenario's {@code apic.timer}, its registers written at TSC 0 (lvt first: a mode change stops the timer). */
    private static ApicTimer timerAtStart(dev.shadowstep.scenario.ApicSetup.Timer t) {
        return ApicTimer.RESET.withLvt(t.lvt(), 0).withDivide(t.divide(), 0).withInitialCount(t.initialCount(), 0)
                .withDeadline(t.deadline());
    }
}
