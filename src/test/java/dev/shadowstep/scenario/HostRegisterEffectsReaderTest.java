package dev.shadowstep.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The host effects set_regs and set_debugregs: what they read, and each mistake located at its key. */
class HostRegisterEffectsReaderTest {

    private static final String HEAD = "format: 1\ntitle: pokes\nprogram: |\n  start: nop\n  hlt\nhost:\n";

    private static Scenario load(String host) {
        return ScenarioLoader.load(HEAD + host);
    }

    private static List<Tuple> errors(String host) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load(host));
        assertThat(e).as("expected errors for %s", host).isNotNull();
        return e.errors().stream().map(err -> new Tuple(err.path(), err.line(), err.message())).toList();
    }

    private static ScenarioError onlyError(String host) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load(host));
        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().getFirst();
    }

    @Nested
    class SetRegs {
        @Test
        void readsRipRelativeFlagsAndRegisters() {
            Scenario s = load("  - at_step: 3\n    set_regs: {rip_add: -7, rflags_set: [TF, RF], rflags_clear: [IF], rax: 0x1234}\n");
            assertThat(s.host().getFirst().effect()).isEqualTo(new HostAction.SetRegs(null, -7, null,
                    1L << 8 | 1L << 16, 1L << 9, Map.of(0, 0x1234L)));
            assertThat(s.host().getFirst().trigger()).isEqualTo(new HostAction.AtStep(3));
        }

        @Test
        void readsAnAbsoluteRipAsALabelAndRflagsWithBitOneForced() {
            Scenario s = load("  - at: start\n    set_regs: {rip: start+1, rflags: 0x300}\n");
            HostAction.SetRegs r = (HostAction.SetRegs) s.host().getFirst().effect();
            assertThat(r.rip()).isEqualTo(new Address.LabelRef("start", 1, "host[0].set_regs.rip", 8, 21));
            assertThat(r.rflags()).isEqualTo(0x302L);
        }

        @Test
        void anEmptyMapIsAnError() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_regs: {}\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs");
            assertThat(e.message()).contains("sets nothing");
        }

        @Test
        void ripAndRipAddTogetherAreRefusedAtTheSecond() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_regs: {rip: start, rip_add: 1}\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs.rip_add");
            assertThat(e.line()).isEqualTo(8);
        }

        @Test
        void reservedRflagsBitsAreRefused() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_regs: {rflags: 0x8}\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs.rflags");
            assertThat(e.message()).contains("reserved").contains("SDM Vol. 1, 3.4.3");
        }

        @Test
        void anUnknownFlagIsLocatedAtItsListItem() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_regs:\n      rflags_set: [TF, XF]\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs.rflags_set[1]");
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.message()).contains("TF");
        }

        @Test
        void aFlagTwiceOrBothSetAndClearedIsRefused() {
            assertThat(errors("  - at_step: 1\n    set_regs: {rflags_set: [TF, TF]}\n"))
                    .extracting(t -> t.toList().get(0)).containsExactly("host[0].set_regs.rflags_set[1]");
            assertThat(errors("  - at_step: 1\n    set_regs: {rflags_set: [TF], rflags_clear: [TF]}\n"))
                    .extracting(t -> t.toList().get(0)).containsExactly("host[0].set_regs.rflags_clear");
        }

        @Test
        void anUnknownKeyNamesTheAllowedOnes() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_regs: {rfalgs: 0x2}\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs.rfalgs");
            assertThat(e.message()).contains("rflags").contains("rip_add");
        }

        @Test
        void aRipAddOutOfRangeIsRefused() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_regs: {rip_add: 0x100000000}\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs.rip_add");
        }

        @Test
        void anUnknownLabelInRipIsLocatedWhenTheScenarioRuns() {
            Scenario s = load("  - at_step: 1\n    set_regs: {rip: nowhere}\n");
            assertThat(ScenarioLabels.references(s)).extracting(Address.LabelRef::label).contains("nowhere");
        }

        @Test
        void setRegsIsNotASecondEffectBesideRaiseIrq() {
            ScenarioError e = onlyError("  - at_step: 1\n    raise_irq: 0xec\n    set_regs: {rip_add: 1}\n");
            assertThat(e.path()).isEqualTo("host[0].set_regs");
            assertThat(e.message()).contains("two effects");
        }
    }

    @Nested
    class SetDebugRegs {
        @Test
        void readsBreakpointAddressesAndTheControlRegisters() {
            Scenario s = load("  - at: start\n    set_debugregs: {dr1: start, dr6: 0xffff0ff0, dr7: 0x408}\n");
            HostAction.SetDebugRegs d = (HostAction.SetDebugRegs) s.host().getFirst().effect();
            assertThat(d.dr().get(0)).isNull();
            assertThat(d.dr().get(1)).isEqualTo(new Address.LabelRef("start", 0, "host[0].set_debugregs.dr1", 8, 26));
            assertThat(d.dr6()).isEqualTo(0xffff0ff0L);
            assertThat(d.dr7()).isEqualTo(0x408L);
        }

        @Test
        void dr7AboveBit31IsRefusedAsKvmSetDebugregsDoes() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_debugregs: {dr7: 0x100000400}\n");
            assertThat(e.path()).isEqualTo("host[0].set_debugregs.dr7");
            assertThat(e.message()).contains("32-bit");
        }

        @Test
        void dr4IsNotAKey() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_debugregs: {dr4: 0}\n");
            assertThat(e.path()).isEqualTo("host[0].set_debugregs.dr4");
        }

        @Test
        void anEmptyMapIsAnError() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_debugregs: {}\n");
            assertThat(e.message()).contains("sets nothing");
        }

        @Test
        void aListInsteadOfAMapIsAnError() {
            ScenarioError e = onlyError("  - at_step: 1\n    set_debugregs: [dr7]\n");
            assertThat(e.path()).isEqualTo("host[0].set_debugregs");
            assertThat(e.message()).contains("map");
        }
    }

    @Test
    void theEditorKnowsTheNewKeys() {
        assertThat(ScenarioKeys.all().get("host")).contains("set_regs", "set_debugregs");
        assertThat(ScenarioKeys.all().get("host.set_regs")).contains("rip", "rip_add", "rflags_set", "rflags_clear", "rax");
        assertThat(ScenarioKeys.all().get("host.set_debugregs")).containsExactly("dr0", "dr1", "dr2", "dr3", "dr6", "dr7");
    }
}
