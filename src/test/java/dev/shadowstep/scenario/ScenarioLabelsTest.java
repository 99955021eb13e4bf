package dev.shadowstep.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioLabelsTest {

    private static final Set<String> SYMBOLS = Set.of("fep_sti_start", "fep_sti_end", "db_handler", "irq_handler");

    @Test
    void theSpecExampleNamesOnlyLabelsTheProgramDefines() {
        Scenario s = ScenarioLoader.load(ScenarioFiles.example());
        assertThat(ScenarioLabels.check(s, SYMBOLS)).isEmpty();
    }

    @Test
    void anUnknownLabelIsLocatedAndTheClosestSpellingSuggested() {
        Scenario s = ScenarioLoader.load("""
                format: 1
                title: t
                program: hlt
                idt: {1: db_handler}
                expect:
                  - db: {at: fep_sti_strt}
                """);
        List<ScenarioError> errors = ScenarioLabels.check(s, SYMBOLS);
        assertThat(errors).containsExactly(new ScenarioError("expect[0].db.at", 6, 14,
                "unknown label 'fep_sti_strt'; did you mean 'fep_sti_start'?"));
    }

    @Test
    void everyAddressFieldIsChecked() {
        Scenario s = ScenarioLoader.load("""
                format: 1
                title: t
                program: hlt
                cpu: {rip: a1, dr0: a2}
                idt: {1: a3}
                hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, USE_HW_BP], debugregs: {dr3: a4}}
                host:
                  - at: a5
                    raise_nmi: true
                expect:
                  - exit_to_host: {pc: a6+2}
                """);
        assertThat(ScenarioLabels.check(s, Set.of())).extracting(ScenarioError::path).containsExactly(
                "cpu.rip", "cpu.dr0", "idt.1", "hypervisor.debugregs.dr3", "host[0].at", "expect[0].exit_to_host.pc");
        assertThat(ScenarioLabels.check(s, Set.of("a1", "a2", "a3", "a4", "a5", "a6"))).isEmpty();
    }

    @Test
    void withNothingCloseTheKnownLabelsAreListed() {
        Scenario s = ScenarioLoader.load("format: 1\ntitle: t\nprogram: hlt\ncpu: {rip: main}\n");
        assertThat(ScenarioLabels.check(s, SYMBOLS)).singleElement().extracting(ScenarioError::message)
                .isEqualTo("unknown label 'main'; the program defines db_handler, fep_sti_end, fep_sti_start, irq_handler");
        assertThat(ScenarioLabels.check(s, Set.of())).singleElement().extracting(ScenarioError::message).asString()
                .contains("the program defines no labels");
    }

    @Test
    void lessonPointsAndQuestionChoicesNameProgramLabels() {
        Scenario s = ScenarioLoader.load("""
                format: 1
                title: t
                program: hlt
                lesson:
                  course: start-here
                  order: 1
                  points: [{at: p1}, {expect: 1}]
                questions:
                  - ask: Where?
                    choices: [after_sti, in_shadw]
                    answer: after_sti
                    reveal: {at: r1}
                expect:
                  - outcome: completed
                """);
        assertThat(ScenarioLabels.check(s, Set.of("after_sti", "in_shadow", "p1", "r1")))
                .containsExactly(new ScenarioError("questions[0].choices[1]", 10, 26,
                        "unknown label 'in_shadw'; did you mean 'in_shadow'?"));
        assertThat(ScenarioLabels.check(s, Set.of())).extracting(ScenarioError::path).containsExactly(
                "lesson.points[0].at", "questions[0].choices[0]", "questions[0].choices[1]", "questions[0].reveal.at");
    }
}
