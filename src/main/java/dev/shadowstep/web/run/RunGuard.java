package dev.shadowstep.web.run;

import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.scenario.ScenarioDocument;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * The engine gateway: every run the web tier makes (API, editor, compare, library pages,
 * permalink pages and their text and JSON forms) goes through here, under the one {@link RunLimits}
 * policy: a step bound checked before the run (and reported at {@code limits.max_steps}), a bounded
 * queue (503 with Retry-After when full), {@code concurrent} engine threads of its own (platform
 * threads, so a run never holds a request thread or a virtual-thread carrier), a memory budget
 * ({@link RunMemory}) for runs in progress and for the traces they leave as long as anything holds
 * them, and a time bound after which the run is interrupted.
 */
@Service
@EnableConfigurationProperties(RunLimits.class)
public class RunGuard implements DisposableBean {

    private static final int KIB = 1024;

    private final TraceService engine;
    private final RunLimits limits;
    private final ThreadPoolExecutor runners;
    /** The heap for runs in progress and the traces still held, in KiB. */
    private final RunMemory memory;
    private final int memoryKib;

    public RunGuard(TraceService engine, RunLimits limits) {
        this.engine = engine;
        this.limits = limits;
        int threads = Math.max(1, limits.threads());
        this.runners = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.queue())),
                Thread.ofPlatform().name("engine-run-", 1).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.memoryKib = (int) Math.min(Integer.MAX_VALUE, limits.runBudgetBytes() / KIB);
        this.memory = new RunMemory(memoryKib);
    }

    /** Returns the memory budget runs and held traces share. */
    RunMemory memory() {
        return memory;
    }

    /** Returns the limits in force. */
    public RunLimits limits() {
        return limits;
    }

    /**
     * Returns the trace of one run of the scenario text.
     *
     * @throws ScenarioRejectedException when the scenario is invalid, asks for too many steps, or runs too long
     * @throws ServerBusyException       when the engine could not take the run in time
     */
    public Trace run(String text) {
        ScenarioDocument doc = ScenarioDocument.read(text);
        List<ScenarioError> bounds = boundProblems(doc);
        if (!bounds.isEmpty()) throw new ScenarioRejectedException(bounds);
        return call(steps(doc), doc.underHypervisor(), () -> engine.run(text),
                () -> new ScenarioRejectedException(List.of(tooLong(doc))));
    }

    /**
     * Runs {@code work}, which makes a run of at most {@code steps} steps (under a hypervisor or not:
     * its memory cost), under the policy.
     *
     * @param onTimeout what to throw when the run took longer than the time bound (it is interrupted)
     * @throws ServerBusyException when the queue is full or no turn came within {@code queueWait}
     */
    public <T> T call(long steps, boolean underHypervisor, Callable<T> work,
                      Supplier<? extends RuntimeException> onTimeout) {
        int kib = (int) Math.min(memoryKib, Math.max(1, limits.runBytes(steps, underHypervisor) / KIB));
        Turn<T> turn = new Turn<>(work, kib);
        Future<T> future;
        try {
            future = runners.submit(turn);
        } catch (RejectedExecutionException e) {
            throw busy("The server has " + limits.queue() + " runs waiting already");
        }
        try {
            if (!turn.started.await(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS) && future.cancel(false)) {
                runners.remove((Runnable) future);
                throw busy("The server is busy with other runs (" + limits.threads() + " at a time)");
            }
            return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw onTimeout.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServerBusyException("The server is shutting down; run the scenario again in a moment.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException("the run failed", e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw busy("The server is busy with other runs (" + limits.threads() + " at a time)");
        }
    }

    /** One run's turn on an engine thread: it waits for its share of the run memory, then runs. */
    private final class Turn<T> implements Callable<T> {
        final CountDownLatch started = new CountDownLatch(1);
        private final Callable<T> work;
        private final int kib;

        Turn(Callable<T> work, int kib) {
            this.work = work;
            this.kib = kib;
        }

        @Override
        public T call() throws Exception {
            if (!memory.acquire(kib, limits.queueWait())) {
                throw busy("The server's memory for runs is taken by other large runs");
            }
            int kept = 0;
            try {
                started.countDown();
                T made = work.call();
                kept = keep(made);
                return made;
            } finally {
                memory.release(kib - kept);
            }
        }

        /** Holds the trace's retained share of what the run took for as long as the trace is reachable. */
        private int keep(T made) {
            if (!(made instanceof Trace trace)) return 0;
            long retainedKib = Math.max(1, (trace.steps().retainedBytes() + KIB - 1) / KIB);
            int kept = (int) Math.min(kib, retainedKib);
            kept += memory.tryTakeMore((int) Math.min(memoryKib, retainedKib - kept));
            memory.holdWhileReachable(trace.steps(), kept);
            return Math.min(kept, kib);
        }
    }

    /** Returns how many runs wait for an engine thread now. */
    int waiting() {
        return runners.getQueue().size();
    }

    private ServerBusyException busy(String why) {
        long seconds = Math.max(1, Math.min(limits.timeout().toSeconds(), 10));
        return new ServerBusyException(why + "; try again in a few seconds.", seconds);
    }

    /**
     * Returns the problem when {@code limits.max_steps} is above this server's bound (or above what its
     * memory for runs holds), located where it is written.
     */
    public List<ScenarioError> boundProblems(String text) {
        return boundProblems(ScenarioDocument.read(text));
    }

    private List<ScenarioError> boundProblems(ScenarioDocument doc) {
        OptionalLong written = doc.maxSteps();
        Optional<ScenarioDocument.Position> where = doc.locate("limits", "max_steps");
        if (written.isEmpty() || where.isEmpty()) return List.of();
        long steps = written.getAsLong();
        int[] at = {where.get().line(), where.get().column()};
        if (steps > limits.maxSteps()) {
            return List.of(new ScenarioError("limits.max_steps", at[0], at[1], String.format(
                    "max_steps is %,d, above this server's limit of %,d steps for runs from the web; lower it to %,d or "
                    + "less (the command line runs up to 10,000,000: java -jar shadowstep.jar run FILE)",
                    steps, limits.maxSteps(), limits.maxSteps())));
        }
        long fits = maxStepsInMemory(doc.underHypervisor());
        if (steps > fits) {
            return List.of(new ScenarioError("limits.max_steps", at[0], at[1], String.format(
                    "max_steps is %,d, more than this server's memory for runs holds (%,d steps); lower it to %,d "
                    + "or less, or run it with the command line: java -jar shadowstep.jar run FILE", steps, fits, fits)));
        }
        return List.of();
    }

    /** Returns the most steps one run may have on this JVM: the memory budget for runs, at the policy's cost per step. */
    public long maxStepsInMemory(boolean underHypervisor) {
        return (long) memoryKib * KIB / limits.stepBytes(underHypervisor);
    }

    /** Returns the step bound of the text: its {@code limits.max_steps}, or the format's default. */
    static long steps(ScenarioDocument doc) {
        OptionalLong steps = doc.maxSteps();
        return steps.isEmpty() ? dev.shadowstep.scenario.Limits.DEFAULT_MAX_STEPS : Math.max(1, steps.getAsLong());
    }

    private ScenarioError tooLong(ScenarioDocument doc) {
        String message = "the run took longer than " + limits.timeout().toSeconds() + " s, this server's limit, "
                + "and was stopped; lower limits.max_steps or make the program end sooner (a halt with interrupts off)";
        Optional<ScenarioDocument.Position> at = doc.locate("limits", "max_steps");
        if (at.isEmpty()) return ScenarioError.general(message.substring(0, 1).toUpperCase() + message.substring(1));
        return new ScenarioError("limits.max_steps", at.get().line(), at.get().column(), message);
    }

    @Override
    public void destroy() {
        runners.shutdownNow();
    }
}
