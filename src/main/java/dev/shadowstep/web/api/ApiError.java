package dev.shadowstep.web.api;

import dev.shadowstep.scenario.ScenarioError;
import java.util.List;

/** The body of every API error: {@code {errors: [{path, line, column, message}]}}. */
public record ApiError(List<ScenarioError> errors) {

    /** Returns an error with one problem that is not located in the scenario. */
    public static ApiError of(String message) {
        return new ApiError(List.of(ScenarioError.general(message)));
    }
}
