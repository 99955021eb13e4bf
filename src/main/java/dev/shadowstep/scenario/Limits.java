package dev.shadowstep.scenario;

/** Hard bounds on a run: the run ends with outcome {@code step_limit} after {@code maxSteps} steps. */
public record Limits(int maxSteps) {

    public static final int DEFAULT_MAX_STEPS = 10_000;
    public static final int MAX_MAX_STEPS = 10_000_000;
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_STEPS);

    public Limits {
        if (maxSteps < 1 || maxSteps > MAX_MAX_STEPS) {
            throw new IllegalArgumentException("max_steps must be 1.." + MAX_MAX_STEPS + ", got " + maxSteps);
        }
    }
}
