package dev.shadowstep.permalink;

import dev.shadowstep.scenario.ScenarioError;
import java.util.List;

/**
 * The JSON body of an API error: {@code {"errors": [{"path", "line", "column", "message"}]}}, each
 * error located in the scenario when it can be (line and column 1-based, 0 when not located).
 */
record ApiProblem(List<Item> errors) {

    /** One error: the key path ({@code limits.max_steps}, empty for the whole request), where, and what to do. */
    record Item(String path, int line, int column, String message) {}

    static ApiProblem of(String message) {
        return new ApiProblem(List.of(new Item("", 0, 0, message)));
    }

    static ApiProblem of(List<ScenarioError> errors) {
        return new ApiProblem(errors.stream()
                .map(e -> new Item(e.path(), e.line(), e.column(), e.message())).toList());
    }
}
