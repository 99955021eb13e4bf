package dev.shadowstep.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The suggested expect block: its text, and that pasting it into the scenario gives a run where every item passes. */
class SuggestedExpectTest {

    /** Returns {@code source} with its top-level {@code expect} block replaced by {@code block}. */
    static String paste(String source, String block) {
        StringBuilder out = new StringBuilder();
        boolean inExpect = false;
        for (String line : source.lines().toList()) {
            boolean topLevelKey = !line.isEmpty() && !Character.isWhitespace(line.charAt(0))
                    && !line.startsWith("-") && !line.startsWith("#");
            if (topLevelKey) inExpect = line.startsWith("expect:");
            if (!inExpect) out.append(line).append('\n');
        }
        return out + block;
    }

    /** Runs {@code source} with the block its own run suggests, and returns that second trace. */
    static Trace rerunWithSuggestion(String source) {
        Trace first = ScenarioRunner.run(ScenarioLoader.load(source), null);
        String block = SuggestedExpect.yaml(first, first.symbols());
        Scenario pasted = ScenarioLoader.load(paste(source, block));
        assertThat(pasted.expect()).as("items of the pasted block:%n%s", block)
                .hasSize((int) block.lines().filter(l -> l.startsWith("  - ")).count());
        return ScenarioRunner.run(pasted, null);
    }

    static void assertAllPass(Trace trace) {
        assertThat(trace.expectations()).isNotEmpty();
        assertThat(trace.expectations()).filteredOn(r -> !r.ok()).extracting(ExpectationResult::message).isEmpty();
        assertThat(Runs.of(trace, Finding.Kind.EXPECT_UNMATCHED)).isEmpty();
    }

    @Test
    void theSeedGetsItsEventsInOrderThenCountsThenTheOutcome() {
        Trace trace = Runs.run(Runs.SEED);
        assertThat(SuggestedExpect.yaml(trace, trace.symbols())).isEqualTo("""
                expect:
                  - db: {at: fep_sti_start, dr6: 0xffff4ff0}
                  - irq: {vector: 0xaa, at: fep_sti_start}
                  - db: {at: fep_sti_end, dr6: 0xffff4ff0}
                  - db: {count: 2}
                  - irq: {count: 1}
                  - outcome: completed
                """);
    }

    @Test
    void anExceptionGetsItsVectorAndALabelWithOffset() {
        Trace trace = Runs.run("""
                format: 1
                title: ud
                idt: {6: ud_handler}
                program: |
                  start:
                  nop
                  ud2
                  cli
                  hlt
                  ud_handler:
                  addq $2, (%rsp)
                  iretq
                """);
        assertThat(SuggestedExpect.yaml(trace, trace.symbols())).isEqualTo("""
                expect:
                  - exception: {vector: 0x6, at: start+0x1}
                  - exception: {count: 1}
                  - outcome: completed
                """);
    }

    @Test
    void aLabelThatYamlWouldReadAsAWordIsQuotedAndStillMatches() {
        String source = """
                format: 1
                title: words
                idt: {3: bp_handler}
                program: |
                  int3
                  no: cli
                  hlt
                  bp_handler:
                  iretq
                """;
        Trace first = Runs.run(source);
        assertThat(SuggestedExpect.yaml(first, first.symbols())).contains("- bp: {at: \"no\"}");
        assertAllPass(rerunWithSuggestion(source));
    }

    @Test
    void aLongRunListsTheFirstEventsAndCountsTheRest() {
        String source = """
                format: 1
                title: many
                idt: {3: bp_handler}
                limits: {max_steps: 500}
                program: |
                  again: int3
                  jmp again
                  bp_handler:
                  iretq
                """;
        Trace first = Runs.run(source);
        String block = SuggestedExpect.yaml(first, first.symbols());
        int events = first.events().size();
        assertThat(events).isGreaterThan(SuggestedExpect.MAX_LISTED);
        assertThat(block.lines().filter(l -> l.startsWith("  - bp: {at:"))).hasSize(SuggestedExpect.MAX_LISTED);
        assertThat(block).contains("  # " + (events - SuggestedExpect.MAX_LISTED) + " more events are not listed")
                .contains("  - bp: {count: " + events + "}\n  - outcome: step_limit\n");
        assertAllPass(rerunWithSuggestion(source));
    }

    @Test
    void aRunWithoutEventsSuggestsItsOutcomeOnly() {
        Trace trace = Runs.run("format: 1\ntitle: t\nprogram: |\n  cli\n  hlt\n");
        assertThat(SuggestedExpect.yaml(trace, trace.symbols())).isEqualTo("expect:\n  - outcome: completed\n");
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioPassesTheBlockItsRunSuggests() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Runs.LIBRARY)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertAllPass(rerunWithSuggestion(Files.readString(file)))));
    }
}
