package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in scenario is a conformance case: it loads, runs, and meets each of its
 * {@code expect} items (the RIPs, DR6 values and counts derived from semantics.md).
 */
class ScenarioLibraryConformanceTest {
    static final Path LIBRARY = Path.of("src/main/resources/scenarios");

    static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.walk(LIBRARY)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theLibraryHoldsAtLeastFortyCases() throws IOException {
        assertThat(scenarioFiles()).hasSizeGreaterThanOrEqualTo(40);
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioMeetsItsExpectations() throws IOException {
        return scenarioFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Scenario scenario = ScenarioLoader.load(Files.readString(file));
            assertThat(scenario.expect()).as("a built-in scenario checks itself with an expect block").isNotEmpty();
            Trace trace = ScenarioRunner.run(scenario, null);
            assertThat(trace.outcome().status()).as(trace.outcome().message()).isNotEqualTo(Outcome.Status.ERROR);
            List<String> failed = trace.expectations().stream().filter(r -> !r.ok())
                    .map(ExpectationResult::message).toList();
            assertThat(failed).as("failed expectations").isEmpty();
            assertThat(trace.expectations()).hasSize(scenario.expect().size());
        }));
    }
}
