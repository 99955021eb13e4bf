package dev.shadowstep.run;

/**
 * Thrown from inside a run when its thread is interrupted (a server that stopped waiting for
 * it): the run ends at the next checkpoint instead of going on to {@code max_steps}.
 */
public final class RunInterruptedException extends RuntimeException {

    private final int steps;

    public RunInterruptedException(int steps) {
        super("the run was stopped after " + steps + " steps");
        this.steps = steps;
    }

    /** Returns how many steps had run when it stopped. */
    public int steps() {
        return steps;
    }
}
