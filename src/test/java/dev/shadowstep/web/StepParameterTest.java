package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepParameterTest {

    @ParameterizedTest(name = "step={0} of {1}, fallback {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "5, 10, 0, 5",
            "' 7 ', 10, 0, 7",
            "99, 10, 0, 9",
            "-3, 10, 4, 0",
            "null, 10, 4, 4",
            "abc, 10, 4, 4",
            "1_000, 10, 2, 2",
            "null, 10, 40, 9",
            "3, 0, 0, 0"})
    void clampsToTheRunAndFallsBackOnAnythingThatIsNotANumber(String step, int total, int fallback, int expected) {
        assertThat(StepParameter.clamp(step, total, fallback)).isEqualTo(expected);
    }
}
