package dev.shadowstep.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one reader's located tree and derived facts, for checks made after reading and for pages without a run. */
class ScenarioDocumentTest {

    static final String TEXT = """
            format: 1
            title: STI shadow
            summary: |
              One step.
            program: |
              sti
              hlt
            limits:
              max_steps: 0x200000
            """;

    @Test
    void locatesAValueWhereItIsWritten() {
        ScenarioDocument doc = ScenarioDocument.read(TEXT);
        assertThat(doc.locate("limits", "max_steps")).contains(new ScenarioDocument.Position(9, 14));
        assertThat(doc.locate("title")).contains(new ScenarioDocument.Position(2, 8));
        assertThat(doc.locate("limits", "nothing")).isEmpty();
        assertThat(doc.locate("title", "deeper")).as("a scalar has no keys").isEmpty();
    }

    @Test
    void locatesInFlowStyleAndJsonToo() {
        assertThat(ScenarioDocument.read("format: 1\nlimits: {max_steps: 5}\n").locate("limits", "max_steps"))
                .contains(new ScenarioDocument.Position(2, 21));
        assertThat(ScenarioDocument.read("{\"limits\": {\"max_steps\": 5}}").locate("limits", "max_steps"))
                .contains(new ScenarioDocument.Position(1, 26));
    }

    @Test
    void derivesTitleSummaryAndTheStepBound() {
        ScenarioDocument doc = ScenarioDocument.read(TEXT);
        assertThat(doc.title()).contains("STI shadow");
        assertThat(doc.summary()).contains("One step.");
        assertThat(doc.lessonOrder()).isZero();
        assertThat(doc.questionCount()).isZero();
        assertThat(doc.maxSteps()).isEqualTo(OptionalLong.of(0x200000));
        assertThat(doc.underHypervisor()).isFalse();
        assertThat(ScenarioDocument.read(TEXT + "hypervisor: {kind: kvm-vmx}\n").underHypervisor()).isTrue();
    }

    @Test
    void readsTheStepBoundAsTheFormatWritesNumbers() {
        assertThat(ScenarioDocument.read("limits: {max_steps: 20000000}\n").maxSteps()).as("above the format's range")
                .isEqualTo(OptionalLong.of(20_000_000));
        assertThat(ScenarioDocument.read("limits: {max_steps: 1_000}\n").maxSteps()).as("no digit separators").isEmpty();
        assertThat(ScenarioDocument.read("limits: {max_steps: lots}\n").maxSteps()).isEmpty();
        assertThat(ScenarioDocument.read("format: 1\n").maxSteps()).isEmpty();
    }

    @Test
    void aTextThatDoesNotParseHasNoTreeAndNoFacts() {
        ScenarioDocument doc = ScenarioDocument.read("title: [unclosed\n");
        assertThat(doc.parsed()).isFalse();
        assertThat(doc.title()).isEmpty();
        assertThat(doc.locate("title")).isEmpty();
        assertThat(doc.lessonOrder()).isZero();
        assertThat(ScenarioDocument.read(null).parsed()).isFalse();
        assertThat(ScenarioDocument.read("[".repeat(100)).parsed()).as("too deep").isFalse();
    }

    @Test
    void readsALessonsOrderAndHowManyQuestionsItAsks() {
        ScenarioDocument doc = ScenarioDocument.read("lesson: {course: start-here, order: 3}\nquestions: [{ask: a}, {ask: b}]\n");
        assertThat(doc.lessonOrder()).isEqualTo(3);
        assertThat(doc.questionCount()).isEqualTo(2);
        assertThat(ScenarioDocument.read("lesson: {order: 0x64}\n").lessonOrder()).as("out of range").isZero();
        assertThat(ScenarioDocument.read("lesson: {order: first}\nquestions: {ask: a}\n").questionCount()).isZero();
    }
}
