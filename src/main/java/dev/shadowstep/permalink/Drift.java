package dev.shadowstep.permalink;

/**
 * Whether the current engine still shows what the link showed when it was made, said plainly.
 *
 * @param status        NONE (same run), CHANGED (the run differs), UNKNOWN (cannot be compared)
 * @param storedEngine  the engine that made the stored digest; null when there is none
 * @param currentEngine the engine that ran now; null when none could
 * @param step          for CHANGED, the first step index at which the runs differ; -1 when it cannot be located
 * @param message       one or two sentences for people
 */
public record Drift(Status status, String storedEngine, String currentEngine, int step, String message) {

    /** Whether the stored and current runs agree. */
    public enum Status { NONE, CHANGED, UNKNOWN }

    /** Returns true when the current run differs from the stored one. */
    public boolean changed() {
        return status == Status.CHANGED;
    }

    static Drift none(String stored, String current) {
        return new Drift(Status.NONE, stored, current, -1, "The current engine (" + current
                + ") shows the same run as when this link was made (" + stored + ").");
    }

    static Drift changed(String stored, String current, int step) {
        String where = step >= 0 ? "; the runs first differ at step " + step
                : "; the step where they first differ could not be located";
        return new Drift(Status.CHANGED, stored, current, step, "This link was made with " + stored
                + ". The current engine, " + current + ", shows a different run" + where
                + ". The scenario is unchanged; what is shown is the current engine's run.");
    }

    static Drift unknown(String stored, String current, String why) {
        return new Drift(Status.UNKNOWN, stored, current, -1, why);
    }

    /** Returns the value of the {@code Shadowstep-Drift} header: {@code none}, {@code step=12; ...} or {@code unknown}. */
    public String header() {
        return switch (status) {
            case NONE -> "none";
            case CHANGED -> (step >= 0 ? "step=" + step : "step=unknown") + "; stored-engine=\"" + storedEngine
                    + "\"; engine=\"" + currentEngine + "\"";
            case UNKNOWN -> "unknown";
        };
    }
}
