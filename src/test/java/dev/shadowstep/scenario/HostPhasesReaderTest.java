package dev.shadowstep.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The keys of host phases (on_exit, set_guest_debug, stop, note) and of the exit_to_host expectations, and their errors. */
class HostPhasesReaderTest {

    private static final String PROGRAM = "program: |\n  start: int3\n  hlt\n";
    private static final String KVM = "format: 1\ntitle: phases\n" + PROGRAM
            + "hypervisor: {kind: kvm-vmx, guest_debug: [ENABLE, USE_SW_BP]}\nhost:\n";

    private static Scenario load(String host) {
        return ScenarioLoader.load(KVM + host);
    }

    private static ScenarioError onlyError(String text) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(text));
        assertThat(e).as("errors for %s", text).isNotNull();
        assertThat(e.errors()).as("%s", e.errors()).hasSize(1);
        return e.errors().getFirst();
    }

    @Nested
    class OnExit {
        @Test
        void readsTheReasonAsTheKvmExitAndTheCount() {
            Scenario s = load("  - on_exit: {reason: debug, nth: 3}\n    set_regs: {rip_add: 1}\n"
                    + "  - on_exit: {reason: io, nth: 1}\n    stop: true\n  - on_exit: {nth: 2}\n    raise_nmi: true\n");
            assertThat(s.host()).extracting(HostAction::trigger).containsExactly(
                    new HostAction.OnExit("KVM_EXIT_DEBUG", 3), new HostAction.OnExit("KVM_EXIT_IO", 1),
                    new HostAction.OnExit(null, 2));
            assertThat(s.host().get(1).effect()).isEqualTo(new HostAction.Stop());
        }

        @Test
        void needsKvm() {
            ScenarioError bare = onlyError("format: 1\ntitle: t\n" + PROGRAM
                    + "host:\n  - on_exit: {reason: debug, nth: 1}\n    set_regs: {rip_add: 1}\n");
            assertThat(bare.path()).isEqualTo("host[0].on_exit");
            assertThat(bare.line()).isEqualTo(7);
            assertThat(bare.message()).contains("kind: kvm-vmx");
            ScenarioError vmx = onlyError("format: 1\ntitle: t\n" + PROGRAM + "hypervisor: {kind: vmx}\n"
                    + "host:\n  - on_exit: {nth: 1}\n    stop: true\n");
            assertThat(vmx.path()).isEqualTo("host[0].on_exit");
        }

        @Test
        void hltIsRefusedBecauseKvmHasAnInKernelApic() {
            ScenarioError e = onlyError(KVM + "  - on_exit: {reason: hlt, nth: 1}\n    stop: true\n");
            assertThat(e.path()).isEqualTo("host[0].on_exit.reason");
            assertThat(e.message()).contains("KVM_EXIT_HLT").contains("in-kernel local APIC").contains("__kvm_emulate_halt");
        }

        @Test
        void anUnknownReasonNamesTheKnownOnes() {
            ScenarioError e = onlyError(KVM + "  - on_exit: {reason: mmio, nth: 1}\n    stop: true\n");
            assertThat(e.path()).isEqualTo("host[0].on_exit.reason");
            assertThat(e.message()).contains("debug").contains("io");
        }

        @Test
        void nthIsRequiredAndCountsFromOne() {
            ScenarioError missing = onlyError(KVM + "  - on_exit: {reason: debug}\n    stop: true\n");
            assertThat(missing.path()).isEqualTo("host[0].on_exit.nth");
            assertThat(missing.line()).isEqualTo(8);
            assertThat(onlyError(KVM + "  - on_exit: {nth: 0}\n    stop: true\n").path()).isEqualTo("host[0].on_exit.nth");
        }

        @Test
        void anUnknownKeyIsLocated() {
            ScenarioError e = onlyError(KVM + "  - on_exit: {nth: 1, when: later}\n    stop: true\n");
            assertThat(e.path()).isEqualTo("host[0].on_exit.when");
            assertThat(e.message()).contains("reason").contains("nth");
        }

        @Test
        void isATriggerBesideTheOthers() {
            ScenarioError e = onlyError(KVM + "  - at: start\n    on_exit: {nth: 1}\n    raise_nmi: true\n");
            assertThat(e.path()).isEqualTo("host[0].on_exit");
            assertThat(e.message()).contains("two triggers");
        }
    }

    @Nested
    class SetGuestDebug {
        @Test
        void readsTheFlagsAndTheDebugRegisters() {
            Scenario s = load("  - on_exit: {nth: 1}\n    set_guest_debug: {flags: [ENABLE, USE_HW_BP], dr2: start, dr7: 0x420}\n");
            HostAction.SetGuestDebug g = (HostAction.SetGuestDebug) s.host().getFirst().effect();
            assertThat(g.flags()).isEqualTo(Set.of(Hypervisor.GuestDebugFlag.ENABLE, Hypervisor.GuestDebugFlag.USE_HW_BP));
            assertThat(g.dr().get(0)).isEqualTo(new Address.Absolute(0));
            assertThat(g.dr().get(2)).isInstanceOfSatisfying(Address.LabelRef.class, ref -> {
                assertThat(ref.label()).isEqualTo("start");
                assertThat(ref.path()).isEqualTo("host[0].set_guest_debug.dr2");
                assertThat(ref.line()).isEqualTo(9);
            });
            assertThat(g.dr7()).isEqualTo(0x420);
        }

        @Test
        void emptyFlagsTurnGuestDebuggingOff() {
            Scenario s = load("  - on_exit: {nth: 1}\n    set_guest_debug: {flags: []}\n");
            assertThat(((HostAction.SetGuestDebug) s.host().getFirst().effect()).flags()).isEmpty();
        }

        @Test
        void flagsAreRequiredAndNeedEnable() {
            ScenarioError missing = onlyError(KVM + "  - on_exit: {nth: 1}\n    set_guest_debug: {dr7: 0x400}\n");
            assertThat(missing.path()).isEqualTo("host[0].set_guest_debug.flags");
            assertThat(missing.line()).isEqualTo(9);
            ScenarioError noEnable = onlyError(KVM + "  - on_exit: {nth: 1}\n    set_guest_debug: {flags: [SINGLESTEP]}\n");
            assertThat(noEnable.path()).isEqualTo("host[0].set_guest_debug.flags");
            assertThat(noEnable.message()).contains("ENABLE");
        }

        @Test
        void dr7AboveBit31IsRefused() {
            ScenarioError e = onlyError(KVM + "  - on_exit: {nth: 1}\n    set_guest_debug: {flags: [ENABLE], dr7: 0x100000400}\n");
            assertThat(e.path()).isEqualTo("host[0].set_guest_debug.dr7");
        }

        @Test
        void needsOnExitBecauseTheVcpuRunsBetweenBoundaries() {
            ScenarioError e = onlyError(KVM + "  - at_step: 3\n    set_guest_debug: {flags: []}\n");
            assertThat(e.path()).isEqualTo("host[0].set_guest_debug");
            assertThat(e.message()).contains("between two KVM_RUNs").contains("on_exit");
        }
    }

    @Nested
    class StopAndNote {
        @Test
        void stopNeedsOnExitAndTrue() {
            assertThat(onlyError(KVM + "  - at: start\n    stop: true\n").path()).isEqualTo("host[0].stop");
            ScenarioError off = onlyError(KVM + "  - on_exit: {nth: 1}\n    stop: false\n");
            assertThat(off.path()).isEqualTo("host[0].stop");
            assertThat(off.message()).contains("do nothing");
        }

        @Test
        void aNoteIsKeptForTheWhy() {
            Scenario s = load("  - on_exit: {nth: 1}\n    set_regs: {rip_add: 1}\n    note: \"vcpu_skip_insn(vcpu, 1)\"\n");
            assertThat(s.host().getFirst().note()).isEqualTo("vcpu_skip_insn(vcpu, 1)");
        }

        @Test
        void aNoteIsOneShortLine() {
            ScenarioError two = onlyError(KVM + "  - on_exit: {nth: 1}\n    stop: true\n    note: \"a\\nb\"\n");
            assertThat(two.path()).isEqualTo("host[0].note");
            assertThat(two.message()).contains("one line");
            ScenarioError long_ = onlyError(KVM + "  - on_exit: {nth: 1}\n    stop: true\n    note: " + "x".repeat(201) + "\n");
            assertThat(long_.path()).isEqualTo("host[0].note");
        }
    }

    @Nested
    class ExitExpectations {
        private static final String HEAD = "format: 1\ntitle: t\nprogram: |\n  start: hlt\nexpect:\n";

        @Test
        void readsDr7AndTheIoFields() {
            Scenario s = ScenarioLoader.load(HEAD + "  - exit_to_host: {exit: KVM_EXIT_DEBUG, dr7: 0x402}\n"
                    + "  - exit_to_host: {exit: KVM_EXIT_IO, port: 0x1000, io: in}\n  - exit_to_host: {io: out, value: 0x41}\n");
            assertThat(s.expect()).extracting(ExpectItem::describe).containsExactly(
                    "exit_to_host exit=KVM_EXIT_DEBUG dr7=0x402",
                    "exit_to_host exit=KVM_EXIT_IO port=0x1000 io=in",
                    "exit_to_host io=out value=0x41");
        }

        @Test
        void eachFieldIsChecked() {
            assertThat(onlyError(HEAD + "  - exit_to_host: {port: 0x10000}\n").path()).isEqualTo("expect[0].exit_to_host.port");
            assertThat(onlyError(HEAD + "  - exit_to_host: {io: both}\n").path()).isEqualTo("expect[0].exit_to_host.io");
            assertThat(onlyError(HEAD + "  - exit_to_host: {exit: KVM_EXIT_HLT}\n").path())
                    .isEqualTo("expect[0].exit_to_host.exit");
            assertThat(onlyError(HEAD + "  - exit_to_host: {dr7: -1}\n").path()).isEqualTo("expect[0].exit_to_host.dr7");
        }
    }

    @Test
    void theEditorKnowsTheNewKeys() {
        assertThat(ScenarioKeys.all().get("host")).contains("on_exit", "set_guest_debug", "stop", "note");
        assertThat(ScenarioKeys.all().get("host.on_exit")).containsExactly("reason", "nth");
        assertThat(ScenarioKeys.all().get("host.set_guest_debug")).isEqualTo(List.of("flags", "dr0", "dr1", "dr2", "dr3", "dr7"));
        assertThat(ScenarioKeys.all().get("expect.exit_to_host")).contains("dr7", "port", "io", "value");
    }
}
