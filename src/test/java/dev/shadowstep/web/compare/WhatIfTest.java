package dev.shadowstep.web.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.HostAction;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.switches.Variant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** What-if forks of sti-shadow-basic: an IRQ raised before, inside and after the STI shadow. */
class WhatIfTest {

    static String basic() throws Exception {
        return new ClassPathResource("scenarios/sti-shadow-basic.yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    /**
     * Raised at the boundary before step N (0: before STI; 1: right after STI, inside its shadow;
     * 2: after the shadow), IRQ 0xAA is delivered at the first boundary after the host step whose
     * preceding state has IF=1 and no STI shadow: STI blocking holds maskable interrupts at the one
     * boundary after STI (SDM Vol. 3A 6.8.3; SDM Vol. 2B STI). The expected step is worked out from
     * the fork's own states by that rule; the boundary right after STI is never the one.
     */
    @ParameterizedTest(name = "raised at step {0}")
    @ValueSource(ints = {0, 1, 2})
    void theRaisedIrqIsHeldByTheStiShadowAsTheSdmSays(int n) throws Exception {
        String fork = new WhatIf("irq", n, 0xAA, null).apply(basic());
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(fork), null);

        assertThat(trace.steps().kind(n)).as("the host action is the step at N").isEqualTo(Step.Kind.HOST);
        int sti = -1;
        for (int i = 0; i < trace.steps().size() && sti < 0; i++) if ("sti".equals(trace.steps().get(i).text())) sti = i;
        int expected = -1;
        for (int i = n + 1; i < trace.steps().size() && expected < 0; i++) {
            State before = trace.steps().state(i - 1);
            if (before.interruptsEnabled() && before.shadow() == State.Shadow.NONE) expected = i;
        }
        Event irq = trace.events().stream().filter(e -> e.type() == Event.Type.IRQ).findFirst().orElseThrow();

        assertThat(irq.vector()).isEqualTo(0xAA);
        assertThat(irq.step()).isEqualTo(expected);
        assertThat(trace.steps().state(irq.step() - 1).shadow()).isEqualTo(State.Shadow.NONE);
        // at the boundary in the shadow the IRQ is pending and held, and the step says why
        int inShadow = trace.steps().get(sti + 1).kind() == Step.Kind.HOST ? sti + 2 : sti + 1;
        assertThat(trace.steps().get(inShadow).held()).anySatisfy(h -> assertThat(h).contains("0xaa").contains("STI shadow"));
    }

    /** The fork is the scenario as written plus one host action: every line kept, in order, and it reads back. */
    @Test
    void theForkTextIsValidKeepsEveryLineAndRoundTrips() throws Exception {
        String text = basic();
        String fork = new WhatIf("irq", 1, 0xAA, null).apply(text);

        List<String> added = new ArrayList<>(fork.lines().toList());
        for (String line : text.lines().toList()) assertThat(added.remove(line)).as("kept: %s", line).isTrue();
        assertThat(added).containsExactly("host:", "  - {at_step: 1, raise_irq: 0xaa}");
        assertThat(fork.indexOf("host:")).isLessThan(fork.indexOf("expect:"));

        Scenario read = ScenarioLoader.load(fork);
        assertThat(read.host()).hasSize(1);
        HostAction action = read.host().getFirst();
        assertThat(action.trigger()).isEqualTo(new HostAction.AtStep(1));
        assertThat(action.effect()).isEqualTo(new HostAction.RaiseIrq(0xAA));
        // the editor's switches leave it as it is, and a fork of the fork adds to the same list
        assertThat(Variant.AS_WRITTEN.apply(fork)).isEqualTo(fork);
        String twice = new WhatIf("nmi", 3, null, null).apply(fork);
        assertThat(twice).contains("  - {at_step: 1, raise_irq: 0xaa}\n  - {at_step: 3, raise_nmi: true}\n");
        assertThat(ScenarioLoader.load(twice).host()).hasSize(2);
    }

    @Test
    void aJsonScenarioGetsAJsonAction() {
        String json = "{\"format\": 1, \"title\": \"t\", \"program\": \"nop\\nhlt\\n\", \"host\": []}";
        String fork = new WhatIf("irq", 0, 0x30, null).apply(json);
        assertThat(fork).contains("\"host\": [{\"at_step\": 0, \"raise_irq\": 48}]");
        assertThat(ScenarioLoader.load(fork).host()).hasSize(1);
    }

    @Test
    void aSwitchForkIsTheEditorsSwitchEdit() throws Exception {
        String kvm = new ClassPathResource("scenarios/debug-regs-sti-kvm.yaml").getContentAsString(StandardCharsets.UTF_8);
        assertThat(new WhatIf("switch", 35, null, "emulated_db_sets_bs=off").apply(kvm))
                .isEqualTo(Variant.parse("emulated_db_sets_bs=off").apply(kvm));
    }

    @Test
    void aBadForkSaysWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> new WhatIf("irq", 1, 3, null).apply(basic()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("16 to 255");
        assertThatThrownBy(() -> new WhatIf("reboot", 1, null, null).apply(basic()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("irq (raise an IRQ)");
    }
}
