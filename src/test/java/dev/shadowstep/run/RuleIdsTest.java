package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.Rule;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every step names the rule that decided it, and every held line the rule that holds its event. */
class RuleIdsTest {

    @TestFactory
    Stream<DynamicTest> everyStepOfEveryLibraryScenarioHasARule() throws IOException {
        return ScenarioLibraryConformanceTest.scenarioFiles().stream().map(file ->
                DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    Trace t = ScenarioRunner.run(ScenarioLoader.load(Files.readString(file)), null);
                    assertThat(t.steps().size()).isPositive();
                    for (int i = 0; i < t.steps().size(); i++) {
                        Step s = t.steps().get(i);
                        assertThat(s.rule()).as("step %d (%s) has a rule", i, s.text()).isNotNull();
                        assertThat(Rules.byId(s.rule())).as("step %d names a known rule", i).isPresent();
                        assertThat(s.rules()).as("step %d: one rule per held line", i).hasSameSizeAs(s.held());
                        s.rules().forEach(r -> assertThat(Rules.byId(r)).as(r).isPresent());
                    }
                }));
    }

    @Test
    void theStiTestOnBareMetalNamesTheRulesOfTheSdm() throws IOException {
        List<Step> steps = HypervisorTraceTest.steps(HypervisorTraceTest.run("debug-regs-sti-bare-metal.yaml"));
        Step sti = steps.get(3);
        assertThat(sti.text()).startsWith("sti");
        // STI with IF=0 sets IF and starts the shadow (SDM STI); began with TF=1
        assertThat(sti.rule()).isEqualTo("STI_SHADOW_STARTED");
        assertThat(steps.get(2).rule()).as("popf that set TF").isEqualTo("POPF_SETS_TF");
        Step db = steps.get(4);
        assertThat(db.rule()).as("row 4 of SDM Table 6-2").isEqualTo("ROW4_DEBUG_TRAP_DELIVERED");
        // IRQ 0xAA has waited since step 0; at this boundary the STI shadow holds it
        assertThat(db.rules()).containsExactly("ROW6_IRQ_HELD_STI_SHADOW");
        assertThat(steps.get(6).rule()).as("iretq").isEqualTo("IRET_NO_SHADOW");
        assertThat(steps.get(7).rule()).as("IRQ 0xAA right after IRET").isEqualTo("ROW6_IRQ_DELIVERED");
        assertThat(steps.get(0).rules()).as("pushf with IF=0: the IRQ waits").containsExactly("ROW6_IRQ_HELD_IF");
    }

    @Test
    void hostStepsNameTheirKvmFunctionAndAFailedEntryItsCheck() throws IOException {
        List<Step> steps = HypervisorTraceTest.steps(HypervisorTraceTest.run("debug-regs-sti-kvm-no-reinject-fix.yaml"));
        assertThat(steps).filteredOn(s -> s.kind() == Step.Kind.VMEXIT).isNotEmpty()
                .allMatch(s -> s.rule().equals("VM_EXIT"));
        assertThat(steps).filteredOn(s -> s.text().equals("handle_exception_nmi")).isNotEmpty()
                .allMatch(s -> s.rule().equals("HANDLE_EXCEPTION_NMI"));
        // SDM 26.3.1.5: BS must be 1 with TF=1 in an STI shadow; the entry fails on that check
        assertThat(steps).filteredOn(s -> s.text().startsWith("VM entry fails")).singleElement()
                .extracting(Step::rule).isEqualTo("BS_SET_WHEN_SINGLE_STEPPING_IN_A_SHADOW_OR_HLT");
        assertThat(steps.getLast().rule()).isEqualTo("KVM_EXIT_FAIL_ENTRY");
    }

    @Test
    void theStepJsonCarriesRuleAndRules() throws IOException {
        Trace t = HypervisorTraceTest.run("debug-regs-sti-bare-metal.yaml");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceJson.write(t, json);
        JsonNode db = JsonMapper.builder().build().readTree(json.toByteArray()).get("steps").get(4);
        assertThat(db.get("rule").stringValue()).isEqualTo("ROW4_DEBUG_TRAP_DELIVERED");
        assertThat(db.get("rules").get(0).stringValue()).isEqualTo("ROW6_IRQ_HELD_STI_SHADOW");
        assertThat(TraceJson.read(new java.io.ByteArrayInputStream(json.toByteArray())).steps().get(4).rules())
                .containsExactly("ROW6_IRQ_HELD_STI_SHADOW");
    }

    @Test
    void everyRuleHasAUniqueIdASentenceAndAPublicSource() {
        assertThat(Rules.ALL.stream().map(Rule::name)).doesNotHaveDuplicates();
        for (Rule r : Rules.ALL) {
            assertThat(r.name()).matches("[A-Z][A-Z0-9_]*");
            assertThat(r.sentence()).as(r.name()).isNotBlank();
            assertThat(r.source()).as(r.name()).isNotBlank().doesNotContainIgnoringCase("semantics")
                    .containsAnyOf("SDM", "KVM", "kvm-unit-tests", "Bochs", "scenario-format");
        }
    }
}
