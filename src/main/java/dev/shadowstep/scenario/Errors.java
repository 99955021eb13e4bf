package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every error found while reading one scenario, so that all are reported at once. */
final class Errors {

    private final List<ScenarioError> errors = new ArrayList<>();

    void add(String path, Node.Location at, String message) {
        errors.add(new ScenarioError(path, at.line(), at.column(), message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    /** Returns the errors in file order (stable for errors on the same position). */
    List<ScenarioError> inFileOrder() {
        List<ScenarioError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column));
        return sorted;
    }
}
