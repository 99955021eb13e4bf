package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** {@link ScenarioRunner#check}: what an editor checks as you type, without running anything. */
class ScenarioCheckTest {

    @Test
    void aScenarioThatRunsPassesTheCheck() {
        assertThatCode(() -> ScenarioRunner.check(ScenarioLoader.load(ScenarioRunnerTest.STI_TEST))).doesNotThrowAnyException();
    }

    @Test
    void anAssemblyErrorIsReportedAtItsFileLine() {
        String text = ScenarioRunnerTest.STI_TEST.replace("  popf\n  sti\n  fep_sti_start:", "  popf\n  stx\n  fep_sti_start:");
        assertThatThrownBy(() -> ScenarioRunner.check(ScenarioLoader.load(text)))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    ScenarioError error = e.errors().getFirst();
                    assertThat(error.path()).isEqualTo("program");
                    assertThat(error.line()).isEqualTo(text.lines().toList().indexOf("  stx") + 1);
                    assertThat(error.message()).contains("program line 4", "stx");
                });
    }

    @Test
    void anUnknownLabelInTheIdtIsReported() {
        String text = ScenarioRunnerTest.STI_TEST.replace("  1: db_handler", "  1: no_such_handler");
        assertThatThrownBy(() -> ScenarioRunner.check(ScenarioLoader.load(text)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("no_such_handler");
    }
}
