package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Runs scenarios that users send, within the {@link RunLimits}: a step bound checked before the
 * run (and reported at {@code limits.max_steps}), a time bound, and a bound on runs at once.
 */
@Service
@EnableConfigurationProperties(RunLimits.class)
public class RunGuard {

    private final TraceService engine;
    private final RunLimits limits;
    private final Semaphore slots;
    private final ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor();

    public RunGuard(TraceService engine, RunLimits limits) {
        this.engine = engine;
        this.limits = limits;
        this.slots = new Semaphore(Math.max(1, limits.concurrent()), true);
    }

    /** Returns the limits in force. */
    public RunLimits limits() {
        return limits;
    }

    /**
     * Returns the trace of one run of the scenario.
     *
     * @throws ScenarioRejectedException when the scenario is invalid, asks for too many steps, or runs too long
     * @throws ServerBusyException       when no run slot came free in time
     */
    public Trace run(String text) {
        List<ScenarioProblem> bounds = boundProblems(text);
        if (!bounds.isEmpty()) throw new ScenarioRejectedException(bounds);
        acquire();
        Future<Trace> future = runners.submit(() -> engine.run(text));
        try {
            return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ScenarioRejectedException(List.of(tooLong(text)));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServerBusyException("The server is shutting down; run the scenario again in a moment.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the run failed", e.getCause());
        } finally {
            slots.release();
        }
    }

    /** Returns the problem when {@code limits.max_steps} is above this server's bound, located where it is written. */
    public List<ScenarioProblem> boundProblems(String text) {
        Optional<Node> node = maxStepsNode(text);
        if (node.isEmpty()) return List.of();
        Long steps = number(YamlTree.scalar(node.get()).orElse(""));
        if (steps == null || steps <= limits.maxSteps()) return List.of();
        int[] at = YamlTree.lineColumn(node.get());
        return List.of(new ScenarioProblem("limits.max_steps", at[0], at[1], String.format(
                "max_steps is %,d, above this server's limit of %,d steps for runs from the web; lower it to %,d or "
                + "less (the command line runs up to 10,000,000: java -jar shadowstep.jar run FILE)",
                steps, limits.maxSteps(), limits.maxSteps())));
    }

    private void acquire() {
        try {
            if (!slots.tryAcquire(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServerBusyException("The server is busy with other runs (" + limits.concurrent()
                        + " at a time); try again in a few seconds.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException("The server is shutting down; run the scenario again in a moment.");
        }
    }

    private ScenarioProblem tooLong(String text) {
        String message = "the run took longer than " + limits.timeout().toSeconds() + " s, this server's limit, "
                + "and was stopped; lower limits.max_steps or make the program end sooner (a halt with interrupts off)";
        Optional<Node> node = maxStepsNode(text);
        if (node.isEmpty()) return ScenarioProblem.general(message.substring(0, 1).toUpperCase() + message.substring(1));
        int[] at = YamlTree.lineColumn(node.get());
        return new ScenarioProblem("limits.max_steps", at[0], at[1], message);
    }

    private static Optional<Node> maxStepsNode(String text) {
        try {
            return YamlTree.find(YamlTree.parse(text).root(), "limits", "max_steps");
        } catch (YamlTreeException e) {
            return Optional.empty(); // the loader reports the syntax error
        }
    }

    /** Reads an integer as the format writes them (decimal or 0x hex, with _ allowed); null when it is not one. */
    static Long number(String text) {
        String t = text.strip().replace("_", "").toLowerCase(java.util.Locale.ROOT);
        try {
            return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
