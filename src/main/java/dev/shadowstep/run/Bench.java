package dev.shadowstep.run;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.BareMetal;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.event.Idt;
import dev.shadowstep.core.event.Machine;
import dev.shadowstep.core.event.MachineSetup;
import dev.shadowstep.core.event.RunEnd;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The recording benchmark: {@code loop: inc %rax; jmp loop} for 10,000,000 steps with full
 * trace recording. Goal: at least 5 million steps/s and at most 64 bytes of trace per step.
 */
public final class Bench {
    private Bench() {}

    /** The measured numbers. */
    /**
     * @param stepsPerSecond    by wall-clock time
     * @param stepsPerCpuSecond by the run thread's CPU time (GC threads not counted): steadier on a busy machine
     */
    public record Result(int steps, double stepsPerSecond, double stepsPerCpuSecond, double columnBytesPerStep,
                         double heapBytesPerStep) {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        run(steps, System.out);
    }

    /** Runs the loop once to warm up and once measured; prints and returns the numbers. */
    public static Result run(int steps, PrintStream out) {
        Program program = Assembler.assemble("loop: inc %rax\njmp loop\n", List.of());
        once(program, Math.min(steps, 1_000_000));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        StepRecorder recorder = once(program, steps);
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        double seconds = (t1 - t0) / 1e9;
        Result r = new Result(recorder.size(), recorder.size() / seconds, recorder.size() / ((c1 - c0) / 1e9),
                (double) recorder.columnBytes() / recorder.size(), (double) (heapAfter - heapBefore) / recorder.size());
        out.printf("steps: %,d in %.2f s = %,.0f steps/s (%,.0f steps per CPU second of the run thread)%n",
                r.steps(), seconds, r.stepsPerSecond(), r.stepsPerCpuSecond());
        out.printf("trace memory: %.1f bytes/step in columns, %.1f bytes/step heap growth%n",
                r.columnBytesPerStep(), r.heapBytesPerStep());
        // Keep the recorder reachable until the heap was measured.
        if (new RecordedSteps(recorder, program).get(recorder.size() - 1).rip() == 0) out.println("unexpected last step");
        return r;
    }

    private static StepRecorder once(Program program, int steps) {
        CpuState initial = CpuState.reset(program.base(), MachineSetup.KERNEL_RSP);
        MachineSetup setup = new MachineSetup(program.base(), program.image(), initial, Idt.EMPTY, List.of(), steps);
        StepRecorder recorder = new StepRecorder(initial, program.base(), program.image().length, program::symbolAt);
        RunEnd end = new Machine(setup, new BareMetal(), recorder, Long::toHexString).run();
        if (end.status() != RunEnd.Status.STEP_LIMIT) throw new IllegalStateException("benchmark loop ended early: " + end);
        return recorder;
    }
}
