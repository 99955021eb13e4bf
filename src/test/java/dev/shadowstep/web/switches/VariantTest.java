package dev.shadowstep.web.switches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantTest {

    @Test
    void aBlankSpecRunsTheScenarioAsWritten() {
        assertThat(Variant.parse("")).isEqualTo(Variant.AS_WRITTEN);
        assertThat(Variant.parse(null).describe()).isEqualTo("as written");
        assertThat(Variant.AS_WRITTEN.apply("format: 1\n")).isEqualTo("format: 1\n");
    }

    @Test
    void settingsAreReadInAnyOrderAndAppliedHypervisorFirst() {
        Variant v = Variant.parse(" reinject_db_sets_bs=false , hypervisor=kvm-vmx");
        assertThat(List.copyOf(v.settings().keySet())).containsExactly(Switch.HYPERVISOR, Switch.REINJECT_DB_SETS_BS);
        assertThat(v.spec()).isEqualTo("hypervisor=kvm-vmx,reinject_db_sets_bs=off");
        assertThat(v.describe()).isEqualTo("under KVM (kvm-vmx), reinject_db_sets_bs off");
        String text = "format: 1\ntitle: t\nprogram: |\n  hlt\n";
        assertThat(v.apply(text)).isEqualTo(
                "format: 1\ntitle: t\nhypervisor: {kind: kvm-vmx, fixes: {reinject_db_sets_bs: false}}\nprogram: |\n  hlt\n");
    }

    @Test
    void mistakesNameThePartAndWhatIsAllowed() {
        assertThatThrownBy(() -> Variant.parse("gate=trap")).isInstanceOf(SwitchException.class)
                .hasMessage("'gate' is not a switch: use one of hypervisor, reinject_db_sets_bs, emulated_db_sets_bs, "
                        + "forced_emulation, db_gate");
        assertThatThrownBy(() -> Variant.parse("db_gate")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Variant.parse("db_gate=trap,db_gate=interrupt")).hasMessageContaining("set twice");
        assertThatThrownBy(() -> Variant.parse("forced_emulation=maybe"))
                .hasMessage("'maybe' is not a value of forced_emulation: use on or off");
    }
}
