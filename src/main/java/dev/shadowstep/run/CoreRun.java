package dev.shadowstep.run;

import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.Memory;
import dev.shadowstep.core.event.Machine;
import dev.shadowstep.core.event.MachineSetup;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.Vmm;
import dev.shadowstep.core.vmx.VmxOperation;
import dev.shadowstep.trace.ListingEntry;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import java.util.List;

/** Runs a program on the bare-metal core and turns the run into a public {@link Trace}. */
public final class CoreRun {
    /** The engine name written into every trace. */
    public static final String ENGINE = "shadowstep 0.1.0";

    private CoreRun() {}

    /** What a run produced: the trace, and the core's own view of the end (for callers that want the final state). */
    public record Result(Trace trace, RunEnd end) {}

    /** Runs {@code setup} (whose image is {@code program}'s) and returns the trace without expectations or findings. */
    public static Result run(Program program, MachineSetup setup, Trace.ScenarioRef scenario) {
        return run(program, setup, null, scenario);
    }

    /** Runs {@code setup} with the guest under {@code vmm} (null: bare metal) and returns the trace without expectations. */
    public static Result run(Program program, MachineSetup setup, Vmm vmm, Trace.ScenarioRef scenario) {
        StepRecorder recorder = new StepRecorder(setup.initial(), setup.imageBase(),
                Memory.mappedSize(setup.image().length), program::symbolAt,
                vmm == null ? null : vmm.initialFields(), vmm == null || vmm.nativeInterrupts());
        if (vmm != null && vmm.runsFromUserspace()) recorder.countPhases();
        // Bare metal is VmxOperation: BareMetal until the program's own VMXON, then its VMX instructions and its guest.
        Vmm monitor = vmm == null ? new VmxOperation() : vmm;
        recorder.whoRuns(monitor);
        Machine machine = new Machine(setup, monitor, recorder, rip -> name(program, rip), program::symbolAt);
        RunEnd end = machine.run();
        // the recorder stopped the machine because the thread was interrupted (the machine reports that as an
        // internal error): the caller gave up on this run, so there is no trace to return
        if (Thread.currentThread().isInterrupted()) throw new RunInterruptedException(recorder.size());
        Trace trace = new Trace(Trace.FORMAT, ENGINE, scenario, program.symbols(), listing(program),
                new RecordedSteps(recorder, program), recorder.events(), outcome(end), List.of(), List.of());
        return new Result(trace, end);
    }

    /** Maps the core's end of run to the trace outcome; {@code step} is the index of the last step (0 when none). */
    static Outcome outcome(RunEnd end) {
        Outcome.Status status = switch (end.status()) {
            case COMPLETED -> Outcome.Status.COMPLETED;
            case UNHANDLED -> Outcome.Status.UNHANDLED;
            case VMENTRY_FAILED -> Outcome.Status.VMENTRY_FAILED;
            case STEP_LIMIT -> Outcome.Status.STEP_LIMIT;
            case ERROR -> Outcome.Status.ERROR;
        };
        return new Outcome(status, Math.max(0, end.steps() - 1), end.message());
    }

    static List<ListingEntry> listing(Program program) {
        return program.listing().stream()
                .map(l -> new ListingEntry(l.address(), l.bytes(), l.text(), l.labels(), l.line()))
                .toList();
    }

    /** Names the instruction at {@code rip} for explanations: {@code cli (fep_sti_start)}. */
    static String name(Program program, long rip) {
        Program.Line line = program.lineAt(rip);
        String label = program.symbolAt(rip);
        if (line != null && line.address() == rip && line.line() > 0) return line.text() + " (" + label + ")";
        return "the instruction at " + label;
    }
}
