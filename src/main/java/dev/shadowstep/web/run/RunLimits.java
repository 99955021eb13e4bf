package dev.shadowstep.web.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one policy for every run the web tier makes ({@code shadowstep.web.run.*}): the JSON API,
 * the editor, comparisons, library pages and permalinks all go through the {@link RunGuard} with it.
 *
 * @param maxSteps     the largest {@code limits.max_steps} accepted (the format allows 10,000,000; a
 *                     browser shows a million steps smoothly)
 * @param timeout      how long one run may take once it has started, reviews included; a longer run is stopped
 * @param concurrent   how many runs may go at once: the engine's own threads, never request threads;
 *                     0 (the default) for one fewer than the processors, at least 1 and at most 2
 *                     ({@link #threads()}): on 2 cores, one run at a time leaves a core to the requests
 *                     (GET / under 50 clients posting heavy runs: p99 0.5-1.2 s with one, 1.5-4.2 s
 *                     with two, README "Measurements")
 * @param queueWait    how long a run waits for its turn before the server says it is busy
 * @param queue        how many runs may wait for a turn; past that the server answers 503 at once
 * @param heapPercent  the share of the heap ({@code -Xmx}) that runs in progress may take together
 * @param bytesPerStep    what one step of a bare-metal run costs while it runs, for that budget
 * @param vmmBytesPerStep the same under a hypervisor, whose steps keep VM exits, texts and VMCS copies;
 *                        both measured on million-step loops with their review re-run included (README
 *                        "Scaling out": a KVM forced-emulation loop holds 283 bytes a step, twice that
 *                        while the review re-runs it; a bare loop 26, peaking below 200)
 */
@ConfigurationProperties("shadowstep.web.run")
public record RunLimits(
        @DefaultValue("1000000") int maxSteps,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("0") int concurrent,
        @DefaultValue("10s") Duration queueWait,
        @DefaultValue("16") int queue,
        @DefaultValue("50") int heapPercent,
        @DefaultValue("200") int bytesPerStep,
        @DefaultValue("600") int vmmBytesPerStep) {

    /** The defaults, for code that builds a guard without Spring. */
    public static final RunLimits DEFAULT = of(1_000_000, Duration.ofSeconds(30), 2, Duration.ofSeconds(10));

    /** Returns limits with the default queue and memory budget. */
    public static RunLimits of(int maxSteps, Duration timeout, int concurrent, Duration queueWait) {
        return new RunLimits(maxSteps, timeout, concurrent, queueWait, 16, 50, 200, 600);
    }

    /** Returns how many runs go at once: {@code concurrent}, or for 0 one fewer than the processors (1 or 2). */
    public int threads() {
        return concurrent > 0 ? concurrent : Math.clamp(Runtime.getRuntime().availableProcessors() - 1, 1, 2);
    }

    /** Returns the bytes that runs in progress may hold together on this JVM. */
    public long runBudgetBytes() {
        return Runtime.getRuntime().maxMemory() / 100 * Math.clamp(heapPercent, 1, 90);
    }

    /** Returns what a run of {@code steps} steps is expected to hold while it runs (the review re-runs included). */
    public long runBytes(long steps, boolean underHypervisor) {
        return Math.max(1, steps) * stepBytes(underHypervisor);
    }

    /** Returns what one step costs a run in progress. */
    public int stepBytes(boolean underHypervisor) {
        return Math.max(1, underHypervisor ? vmmBytesPerStep : bytesPerStep);
    }
}
