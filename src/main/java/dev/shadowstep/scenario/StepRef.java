package dev.shadowstep.scenario;

/**
 * A step of the run named by what happens there, never by its number (which a change to the
 * program would move): the step that matched an {@code expect} item, or the first instruction
 * retired at a label. Lessons use them for their numbered points and their answers.
 */
public sealed interface StepRef {

    /** The step where {@code expect} item {@code item} (1-based) matched. */
    record ExpectStep(int item) implements StepRef {}

    /** The first step that retires the instruction at {@code at}. */
    record FirstAt(Address at) implements StepRef {}
}
