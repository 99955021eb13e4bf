package dev.shadowstep.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a scenario cannot be read; carries every error that was found. */
public final class ScenarioException extends RuntimeException {

    private final List<ScenarioError> errors;

    public ScenarioException(List<ScenarioError> errors) {
        super(errors.stream().map(ScenarioError::describe).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** Returns the errors in file order. */
    public List<ScenarioError> errors() {
        return errors;
    }
}
