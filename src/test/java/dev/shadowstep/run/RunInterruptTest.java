package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** A run whose thread is interrupted stops at the next checkpoint instead of going on to max_steps. */
class RunInterruptTest {

    static final String LOOP = "format: 1\ntitle: loop\nprogram: |\n  loop: jmp loop\nlimits: {max_steps: 10000000}\n";

    @Test
    void anInterruptedRunThrowsInsteadOfReturningATrace() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ScenarioRunner.run(ScenarioLoader.load(LOOP), null))
                    .isInstanceOfSatisfying(RunInterruptedException.class, e -> assertThat(e.steps()).isLessThanOrEqualTo(256));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aRunThatIsNotInterruptedGoesToItsEnd() {
        String short_ = LOOP.replace("10000000", "1000");
        assertThat(ScenarioRunner.run(ScenarioLoader.load(short_), null).steps().size()).isEqualTo(1000);
    }
}
