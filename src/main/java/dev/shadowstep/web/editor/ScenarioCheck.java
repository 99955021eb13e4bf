package dev.shadowstep.web.editor;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.web.run.RunGuard;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.run.ScenarioProblems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Checks a scenario text as the editor's user types: the loader's errors, the assembler's
 * errors (at their file line and column), unknown labels, and this server's step bound.
 * Nothing is run.
 */
@Service
class ScenarioCheck {

    private final RunGuard guard;

    ScenarioCheck(RunGuard guard) {
        this.guard = guard;
    }

    /** Returns every problem, in file order; empty when the scenario can be run. */
    List<ScenarioError> problems(String text) {
        if (text == null || text.isBlank()) {
            return List.of(ScenarioError.general("The scenario is empty: write format: 1, a title and a program, "
                    + "or start from a library scenario."));
        }
        List<ScenarioError> problems = new ArrayList<>();
        Scenario scenario = null;
        try {
            scenario = ScenarioLoader.load(text);
            ScenarioRunner.check(scenario);
        } catch (ScenarioException e) {
            problems.addAll(ScenarioProblems.of(e, text, scenario));
        }
        if (problems.stream().noneMatch(p -> p.path().equals("limits.max_steps"))) {
            problems.addAll(guard.boundProblems(text));
        }
        problems.sort(Comparator.comparingInt((ScenarioError p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
                .thenComparingInt(ScenarioError::column));
        return List.copyOf(problems);
    }
}
