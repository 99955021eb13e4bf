package dev.shadowstep.web.switches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.scenario.Hypervisor;
import dev.shadowstep.scenario.IdtEntry;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.web.yaml.YamlTree;
import org.junit.jupiter.api.Test;

class SwitchEditorTest {

    static final String KVM = """
            format: 1
            title: "STI under KVM"   # a comment that must stay
            idt:
              1: db_handler
              0xAA: irq_handler
            hypervisor:
              kind: kvm-vmx          # KVM on VMX
              forced_emulation: true
            program: |
              sti                    # the program keeps its comments
              hlt
              db_handler: iretq
              irq_handler: iretq
            """;

    static final String BARE = """
            format: 1
            title: "STI"
            idt: {1: db_handler}
            program: |
              sti
              hlt
              db_handler: iretq
            expect:
              - outcome: completed
            """;

    static String set(String text, Switch sw, String value) {
        return SwitchEditor.set(text, sw, value);
    }

    static SwitchState state(String text) {
        return SwitchState.read(YamlTree.parse(text));
    }

    @Test
    void turningAFixOffAddsAFixesMapToABlockHypervisorAndKeepsEveryOtherLine() {
        String edited = set(KVM, Switch.REINJECT_DB_SETS_BS, "off");
        assertThat(edited).isEqualTo(KVM.replace("  forced_emulation: true\n",
                "  forced_emulation: true\n  fixes: {reinject_db_sets_bs: false}\n"));
        Hypervisor hv = ScenarioLoader.load(edited).hypervisor();
        assertThat(hv.fixes()).isEqualTo(new Hypervisor.KvmFixes(false, true));
    }

    @Test
    void theSecondFixJoinsTheFlowMapTheFirstOneMade() {
        String edited = set(set(KVM, Switch.REINJECT_DB_SETS_BS, "off"), Switch.EMULATED_DB_SETS_BS, "off");
        assertThat(edited).contains("  fixes: {reinject_db_sets_bs: false, emulated_db_sets_bs: false}\n");
        assertThat(ScenarioLoader.load(edited).hypervisor().fixes()).isEqualTo(new Hypervisor.KvmFixes(false, false));
    }

    @Test
    void aFixWrittenInABlockMapIsRewrittenInPlace() {
        String text = KVM.replace("  forced_emulation: true\n",
                "  fixes:\n    reinject_db_sets_bs: false   # the 2022 fix\n    emulated_db_sets_bs: true\n");
        String edited = set(text, Switch.REINJECT_DB_SETS_BS, "on");
        assertThat(edited).isEqualTo(text.replace("reinject_db_sets_bs: false", "reinject_db_sets_bs: true"));
    }

    @Test
    void settingAValueTheScenarioAlreadyHasChangesNothing() {
        assertThat(set(KVM, Switch.REINJECT_DB_SETS_BS, "on")).isSameAs(KVM);
        assertThat(set(KVM, Switch.FORCED_EMULATION, "true")).isSameAs(KVM);
        assertThat(set(KVM, Switch.HYPERVISOR, "kvm-vmx")).isSameAs(KVM);
        assertThat(set(KVM, Switch.DB_GATE, "interrupt")).isSameAs(KVM);
    }

    @Test
    void forcedEmulationIsRewrittenWhereItIsWritten() {
        assertThat(set(KVM, Switch.FORCED_EMULATION, "off"))
                .isEqualTo(KVM.replace("forced_emulation: true", "forced_emulation: false"));
    }

    @Test
    void turningTheHypervisorOffCommentsItsSectionOutAndTurningItOnBringsItBack() {
        String off = set(KVM, Switch.HYPERVISOR, "bare-metal");
        assertThat(off).contains("# hypervisor:\n#   kind: kvm-vmx          # KVM on VMX\n#   forced_emulation: true\nprogram: |");
        assertThat(ScenarioLoader.load(off).hypervisor()).isNull();
        assertThat(set(off, Switch.HYPERVISOR, "kvm-vmx")).isEqualTo(KVM);
    }

    @Test
    void turningTheHypervisorOnWithoutAnEarlierSectionAddsOneBeforeTheProgram() {
        String on = set(BARE, Switch.HYPERVISOR, "kvm-vmx");
        assertThat(on).isEqualTo(BARE.replace("program: |", "hypervisor: {kind: kvm-vmx}\nprogram: |"));
        assertThat(ScenarioLoader.load(on).hypervisor().kind()).isEqualTo(Hypervisor.Kind.KVM_VMX);
    }

    @Test
    void aFlowHypervisorLosesOnlyItsLineWhenTurnedOff() {
        String text = BARE.replace("program: |", "hypervisor: {kind: kvm-vmx, forced_emulation: true}\nprogram: |");
        String off = set(text, Switch.HYPERVISOR, "bare-metal");
        assertThat(off).isEqualTo(BARE.replace("program: |",
                "# hypervisor: {kind: kvm-vmx, forced_emulation: true}\nprogram: |"));
        assertThat(set(off, Switch.HYPERVISOR, "kvm-vmx")).isEqualTo(text);
    }

    @Test
    void aLabelHandlerBecomesAMapWithATrapGateAndBack() {
        String trap = set(BARE, Switch.DB_GATE, "trap");
        assertThat(trap).isEqualTo(BARE.replace("idt: {1: db_handler}", "idt: {1: {handler: db_handler, gate: trap}}"));
        Scenario s = ScenarioLoader.load(trap);
        assertThat(s.idt().get(1).gate()).isEqualTo(IdtEntry.Gate.TRAP);
        String back = set(trap, Switch.DB_GATE, "interrupt");
        assertThat(ScenarioLoader.load(back).idt().get(1).gate()).isEqualTo(IdtEntry.Gate.INTERRUPT);
        assertThat(back).contains("idt: {1: {handler: db_handler, gate: interrupt}}");
    }

    @Test
    void theDbVectorIsFoundHoweverItsKeyIsWritten() {
        String text = KVM.replace("  1: db_handler", "  0x01: {handler: db_handler}");
        assertThat(set(text, Switch.DB_GATE, "trap")).contains("  0x01: {handler: db_handler, gate: trap}\n");
    }

    @Test
    void jsonScenariosStayJson() {
        String json = "{\"format\": 1, \"title\": \"t\", \"idt\": {\"1\": \"h\"}, \"program\": \"h: iretq\"}";
        String on = set(json, Switch.HYPERVISOR, "kvm-vmx");
        assertThat(on).isEqualTo("{\"format\": 1, \"title\": \"t\", \"idt\": {\"1\": \"h\"}, \"program\": \"h: iretq\", "
                + "\"hypervisor\": {\"kind\": \"kvm-vmx\"}}");
        String fixed = set(on, Switch.REINJECT_DB_SETS_BS, "off");
        assertThat(fixed).endsWith("\"hypervisor\": {\"kind\": \"kvm-vmx\", \"fixes\": {\"reinject_db_sets_bs\": false}}}");
        assertThat(set(json, Switch.DB_GATE, "trap")).contains("\"idt\": {\"1\": {\"handler\": \"h\", \"gate\": \"trap\"}}");
        assertThat(set(on, Switch.HYPERVISOR, "bare-metal")).isEqualTo(json);
        assertThat(ScenarioLoader.load(fixed).hypervisor().fixes().reinjectDbSetsBs()).isFalse();
    }

    @Test
    void aFileWithoutAFinalLineBreakGetsTheNewEntryOnItsOwnLine() {
        String text = "format: 1\ntitle: t\nhypervisor:\n  kind: kvm-vmx";
        assertThat(set(text, Switch.FORCED_EMULATION, "on"))
                .isEqualTo("format: 1\ntitle: t\nhypervisor:\n  kind: kvm-vmx\n  forced_emulation: true\n");
    }

    @Test
    void kvmSwitchesOnBareMetalSayToTurnTheHypervisorOnFirst() {
        assertThatThrownBy(() -> set(BARE, Switch.REINJECT_DB_SETS_BS, "off"))
                .isInstanceOf(SwitchException.class)
                .hasMessageContaining("turn the hypervisor to kvm-vmx first");
    }

    @Test
    void theGateSwitchNeedsAHandlerForVectorOne() {
        assertThatThrownBy(() -> set(KVM.replace("  1: db_handler\n", ""), Switch.DB_GATE, "trap"))
                .isInstanceOf(SwitchException.class)
                .hasMessageContaining("no handler for vector 1");
    }

    @Test
    void anUnknownValueNamesTheValuesAllowed() {
        assertThatThrownBy(() -> set(KVM, Switch.DB_GATE, "task"))
                .hasMessage("'task' is not a value of db_gate: use interrupt or trap");
    }

    @Test
    void textThatIsNotYamlYetIsRefusedWithAHint() {
        assertThatThrownBy(() -> set("format: 1\ntitle: [unclosed\n", Switch.HYPERVISOR, "kvm-vmx"))
                .isInstanceOf(SwitchException.class)
                .hasMessageContaining("fix the syntax error");
    }

    @Test
    void theStateReadsDefaultsForWhatIsNotWritten() {
        assertThat(state(KVM)).isEqualTo(new SwitchState("kvm-vmx", true, true, true, "interrupt", false, false));
        assertThat(state(BARE)).isEqualTo(new SwitchState("bare-metal", null, null, null, "interrupt", false, false));
        assertThat(state(BARE).unavailableBecause(Switch.FORCED_EMULATION)).contains("kvm-vmx first");
        assertThat(state(BARE).unavailableBecause(Switch.DB_GATE)).isNull();
    }

    @Test
    void theHypervisorSwitchDoesNotApplyToAnXapicScenario() {
        // the xAPIC page is modelled on bare metal only: the scenario reader refuses apic mode xapic under kvm-vmx
        SwitchState xapic = state(BARE + "apic: {mode: xapic}\n");
        assertThat(xapic.value(Switch.HYPERVISOR)).isNull();
        assertThat(xapic.unavailableBecause(Switch.HYPERVISOR)).contains("xAPIC page");
        assertThat(state(BARE + "apic: {mode: x2apic}\n").value(Switch.HYPERVISOR)).isEqualTo("bare-metal");
    }
}
