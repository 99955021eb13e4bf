package dev.shadowstep.web;

/** The {@code ?step=N} of the run, compare and permalink pages: one reading for all of them. */
public final class StepParameter {
    private StepParameter() {}

    /**
     * Returns {@code step} clamped to [0, total - 1]; {@code fallback} (clamped too) when there is no
     * step or it is not a number.
     */
    public static int clamp(String step, int total, int fallback) {
        int n = fallback;
        if (step != null) {
            try {
                n = Integer.parseInt(step.strip());
            } catch (NumberFormatException e) {
                n = fallback;
            }
        }
        return Math.max(0, Math.min(n, total - 1));
    }
}
