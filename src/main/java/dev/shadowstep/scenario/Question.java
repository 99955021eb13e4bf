package dev.shadowstep.scenario;

import java.util.List;

/**
 * A predict-then-reveal question: the reader picks one of the program's lines, then sees the
 * step that answers it and its why.
 *
 * @param ask     the question, one line
 * @param choices program labels; each choice is shown as the listing line at that label
 * @param answer  the right choice, one of {@code choices}
 * @param reveal  the step the answer shows
 */
public record Question(String ask, List<Address.LabelRef> choices, Address.LabelRef answer, StepRef reveal) {

    public Question {
        choices = List.copyOf(choices);
    }
}
