package dev.shadowstep.web.editor;

import dev.shadowstep.core.asm.Program;
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
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * The check of a text: its problems in file order, and the program's labels with their
     * addresses (empty when it does not assemble).
     */
    record Checked(List<ScenarioError> problems, Map<String, String> labels) {}

    /** Returns every problem, in file order; empty when the scenario can be run. */
    List<ScenarioError> problems(String text) {
        return check(text).problems();
    }

    /** Returns the problems and the labels' addresses (as 0x... hex). */
    Checked check(String text) {
        if (text == null || text.isBlank()) {
            return new Checked(List.of(ScenarioError.general("The scenario is empty: write format: 1, a title and a "
                    + "program, or start from a library scenario.")), Map.of());
        }
        List<ScenarioError> problems = new ArrayList<>();
        Map<String, String> labels = new TreeMap<>();
        Scenario scenario = null;
        try {
            scenario = ScenarioLoader.load(text);
            Program program = ScenarioRunner.check(scenario);
            program.symbols().forEach((name, address) -> labels.put(name, "0x" + Long.toHexString(address)));
        } catch (ScenarioException e) {
            problems.addAll(ScenarioProblems.of(e, text, scenario));
        }
        if (problems.stream().noneMatch(p -> p.path().equals("limits.max_steps"))) {
            problems.addAll(guard.boundProblems(text));
        }
        problems.sort(Comparator.comparingInt((ScenarioError p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
                .thenComparingInt(ScenarioError::column));
        return new Checked(List.copyOf(problems), Map.copyOf(labels));
    }
}
