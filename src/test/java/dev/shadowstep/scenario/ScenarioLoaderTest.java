package dev.shadowstep.scenario;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.State;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScenarioLoaderTest {

    private static final String MINIMAL = "format: 1\ntitle: Minimal\nprogram: |\n  hlt\n";

    @Nested
    class TheSpecExample {
        private final Scenario s = ScenarioLoader.load(ScenarioFiles.example());

        @Test
        void readsTheHeaderAndProgramAsWritten() {
            assertThat(s.format()).isEqualTo(1);
            assertThat(s.title()).isEqualTo("Single-step #DB in an STI shadow, native and emulated STI");
            assertThat(s.summary()).isEqualTo(
                    "From KVM selftest debug_regs.c (GUEST_PENDING_DBG_EXCEPTIONS.BS consistency check).");
            assertThat(s.program()).startsWith("pushf\norq $X86_EFLAGS_TF, (%rsp)\npopf\nsti\nfep_sti_start:\n")
                    .contains("KVM_FEP sti\nfep_sti_end:\n").endsWith("wrmsr\niretq\n");
            assertThat(s.programLine()).isEqualTo(12);
        }

        @Test
        void readsTheMachineSections() {
            assertThat(s.cpu().rflags()).isEqualTo(0x2);
            assertThat(s.apic().irr()).containsExactly(0xAA);
            assertThat(s.idt()).containsOnlyKeys(1, 0xAA);
            assertThat(s.idt().get(1)).isEqualTo(new IdtEntry(
                    new Address.LabelRef("db_handler", 0, "idt.1", 8, 6), IdtEntry.Gate.INTERRUPT));
            assertThat(s.idt().get(0xAA)).isEqualTo(new IdtEntry(
                    new Address.LabelRef("irq_handler", 0, "idt.0xAA", 9, 9), IdtEntry.Gate.INTERRUPT));
            assertThat(s.hypervisor().kind()).isEqualTo(Hypervisor.Kind.KVM_VMX);
            assertThat(s.hypervisor().forcedEmulation()).isTrue();
            assertThat(s.hypervisor().fixes()).isEqualTo(Hypervisor.KvmFixes.DEFAULT);
            assertThat(s.hypervisor().vmcs()).isNull();
            assertThat(s.host()).isEmpty();
            assertThat(s.limits().maxSteps()).isEqualTo(10_000);
        }

        @Test
        void readsTheExpectationsInOrder() {
            assertThat(s.expect()).extracting(ExpectItem::describe).containsExactly(
                    "db at fep_sti_start dr6=0xffff4ff0",
                    "irq at fep_sti_start vector=0xaa",
                    "db at fep_sti_end",
                    "irq count=1",
                    "outcome completed");
            assertThat(s.expect().get(3)).isEqualTo(
                    new ExpectItem.EventExpect(Event.Type.IRQ, EventPattern.ANY, 1, "expect[3]", 40));
            assertThat(s.expect().get(4)).isEqualTo(
                    new ExpectItem.OutcomeExpect(Outcome.Status.COMPLETED, "expect[4]", 41));
            var first = (ExpectItem.EventExpect) s.expect().getFirst();
            assertThat(first.pattern().at()).isEqualTo(new Address.LabelRef("fep_sti_start", 0, "expect[0].db.at", 37, 14));
            assertThat(first.pattern().dr6()).isEqualTo(0xffff4ff0L);
        }
    }

    @Nested
    class Defaults {
        private final Scenario s = ScenarioLoader.load(MINIMAL);

        @Test
        void cpuStartsAtResetValuesWithTheStackTopInRsp() {
            CpuSetup cpu = s.cpu();
            assertThat(cpu.rip()).isNull();
            assertThat(cpu.rflags()).isEqualTo(0x2);
            assertThat(cpu.dr6()).isEqualTo(0xffff0ff0L);
            assertThat(cpu.dr7()).isEqualTo(0x400);
            assertThat(cpu.reg("rsp")).isEqualTo(0x800000);
            assertThat(cpu.reg("rax")).isZero();
            assertThat(cpu.dr()).containsOnly(new Address.Absolute(0));
            assertThat(cpu.debugctl()).isZero();
            assertThat(cpu.cr4De()).isFalse();
            assertThat(cpu.cpl()).isZero();
            assertThat(cpu.shadow()).isEqualTo(State.Shadow.NONE);
        }

        @Test
        void everyOptionalSectionIsEmptyOrBareMetal() {
            assertThat(s.summary()).isEmpty();
            assertThat(s.data()).isEmpty();
            assertThat(s.apic()).isEqualTo(ApicSetup.DEFAULT);
            assertThat(s.idt()).isEmpty();
            assertThat(s.hypervisor()).isNull();
            assertThat(s.host()).isEmpty();
            assertThat(s.expect()).isEmpty();
            assertThat(s.limits()).isEqualTo(Limits.DEFAULT);
        }

        @Test
        void hypervisorFixesDefaultToTrueAndVmxGetsZeroedVmcsFields() {
            Scenario kvm = ScenarioLoader.load(MINIMAL + "hypervisor: {kind: kvm-vmx}\n");
            assertThat(kvm.hypervisor().fixes()).isEqualTo(new Hypervisor.KvmFixes(true, true));
            assertThat(kvm.hypervisor().forcedEmulation()).isFalse();
            assertThat(kvm.hypervisor().guestDebug()).isEmpty();
            Scenario vmx = ScenarioLoader.load(MINIMAL + "hypervisor: {kind: vmx}\n");
            assertThat(vmx.hypervisor().vmcs()).isEqualTo(VmcsSetup.DEFAULT);
        }

        @Test
        void anIdtEntryWithoutGateIsAnInterruptGate() {
            Scenario s = ScenarioLoader.load(MINIMAL + "idt:\n  3: {handler: h}\n");
            assertThat(s.idt().get(3).gate()).isEqualTo(IdtEntry.Gate.INTERRUPT);
        }
    }

    @Nested
    class Values {
        @Test
        void rflagsBit1IsAlwaysSet() {
            Scenario s = ScenarioLoader.load(MINIMAL + "cpu: {rflags: 0x300}\n");
            assertThat(s.cpu().rflags()).isEqualTo(0x302);
        }

        @Test
        void numbersMayBeDecimalHexOrQuotedHex() {
            Scenario s = ScenarioLoader.load(MINIMAL + "cpu: {rax: 10, rbx: 0x10, rcx: \"0xAA\", rdx: -1, "
                    + "r15: 0xffffffffffffffff}\n");
            assertThat(s.cpu().reg("rax")).isEqualTo(10);
            assertThat(s.cpu().reg("rbx")).isEqualTo(16);
            assertThat(s.cpu().reg("rcx")).isEqualTo(0xAA);
            assertThat(s.cpu().reg("rdx")).isEqualTo(-1);
            assertThat(s.cpu().reg("r15")).isEqualTo(-1);
        }

        @Test
        void addressesAreNumbersLabelsOrLabelsWithAnOffset() {
            Scenario s = ScenarioLoader.load(MINIMAL + "cpu: {rip: start+4, dr0: 0x401000, dr1: loop-0x2, dr2: end}\n");
            assertThat(s.cpu().rip()).isEqualTo(new Address.LabelRef("start", 4, "cpu.rip", 5, 12));
            assertThat(s.cpu().dr().get(0)).isEqualTo(new Address.Absolute(0x401000));
            assertThat(s.cpu().dr().get(1)).isEqualTo(new Address.LabelRef("loop", -2, "cpu.dr1", 5, 41));
            assertThat(s.cpu().dr().get(1).resolve(Map.of("loop", 0x401010L))).isEqualTo(0x40100eL);
        }

        @Test
        void aLabelNamedStartIsALabelNotAKeyword() {
            Scenario s = ScenarioLoader.load(MINIMAL + "host:\n  - at: start\n    raise_irq: 0xEC\n");
            HostAction action = s.host().getFirst();
            assertThat(action.trigger()).isEqualTo(new HostAction.At(new Address.LabelRef("start", 0, "host[0].at", 6, 9)));
            assertThat(action.effect()).isEqualTo(new HostAction.RaiseIrq(0xEC));
        }

        @Test
        void hostActionsReadEachTriggerAndEffect() {
            Scenario s = ScenarioLoader.load(MINIMAL + """
                    host:
                      - at_step: 12
                        raise_nmi: true
                      - when_halted: true
                        raise_irq: 0xEC
                    """);
            assertThat(s.host()).extracting(HostAction::trigger)
                    .containsExactly(new HostAction.AtStep(12), new HostAction.WhenHalted());
            assertThat(s.host()).extracting(HostAction::effect)
                    .containsExactly(new HostAction.RaiseNmi(), new HostAction.RaiseIrq(0xEC));
            assertThat(s.host()).extracting(HostAction::line).containsExactly(6, 8);
        }

        @Test
        void dataKeepsFileOrderAndMakesArraysFromLists() {
            Scenario s = ScenarioLoader.load(MINIMAL + "data:\n  zeta: 1\n  alpha: [1, 0x2, -3]\n  mid: 0\n");
            assertThat(s.data().keySet()).containsExactly("zeta", "alpha", "mid");
            assertThat(s.data().get("alpha")).containsExactly(1L, 2L, -3L);
        }

        @Test
        void vmxScenariosSetVmcsFieldsByNameOrNumber() {
            Scenario s = ScenarioLoader.load(MINIMAL + "hypervisor:\n  kind: vmx\n  vmcs: {interruptibility: 0x1, "
                    + "pending_dbg: 0x4000, activity: hlt, entry_intr_info: 0x80000b0e}\n");
            assertThat(s.hypervisor().vmcs()).isEqualTo(new VmcsSetup(1, 0x4000, 1, 0x80000b0eL));
            Scenario numbered = ScenarioLoader.load(MINIMAL + "hypervisor:\n  kind: vmx\n  vmcs: {activity: 3}\n");
            assertThat(numbered.hypervisor().vmcs().activity()).isEqualTo(3);
        }

        @Test
        void guestDebugFlagsAndHostDebugRegistersAreRead() {
            Scenario s = ScenarioLoader.load(MINIMAL + "hypervisor:\n  kind: kvm-vmx\n  guest_debug: [ENABLE, USE_HW_BP]\n"
                    + "  debugregs: {dr0: start, dr7: 0x401}\n  fixes: {emulated_db_sets_bs: false}\n");
            Hypervisor h = s.hypervisor();
            assertThat(h.guestDebug()).containsExactlyInAnyOrder(Hypervisor.GuestDebugFlag.ENABLE,
                    Hypervisor.GuestDebugFlag.USE_HW_BP);
            assertThat(h.debugregs().dr().getFirst()).isInstanceOf(Address.LabelRef.class);
            assertThat(h.debugregs().dr7()).isEqualTo(0x401);
            assertThat(h.fixes()).isEqualTo(new Hypervisor.KvmFixes(true, false));
        }
    }

    @Nested
    class ProgramLine {
        @Test
        void aBlockScalarStartsOnTheLineAfterItsIndicator() {
            assertThat(ScenarioLoader.load("format: 1\ntitle: t\n\nprogram: |  # code\n  hlt\n").programLine()).isEqualTo(5);
            assertThat(ScenarioLoader.load("format: 1\ntitle: t\nprogram: >-\n  hlt\n").programLine()).isEqualTo(4);
        }

        @Test
        void aQuotedOrPlainProgramStartsOnTheKeysLine() {
            assertThat(ScenarioLoader.load("format: 1\ntitle: t\nprogram: \"sti\\nhlt\"\n").programLine()).isEqualTo(3);
            assertThat(ScenarioLoader.load("format: 1\n\ntitle: t\nprogram: hlt\n").programLine()).isEqualTo(4);
        }
    }

    @Nested
    class Json {
        @Test
        void aJsonScenarioIndentedWithTabsLoads() {
            String json = "{\n\t\"format\": 1,\n\t\"title\": \"JSON\",\n\t\"program\": \"sti\\nhlt\\n\",\n"
                    + "\t\"apic\": {\"irr\": [170, \"0xEC\"]},\n\t\"expect\": [{\"outcome\": \"completed\"}]\n}\n";
            Scenario s = ScenarioLoader.load(json);
            assertThat(s.title()).isEqualTo("JSON");
            assertThat(s.program()).isEqualTo("sti\nhlt\n");
            assertThat(s.programLine()).isEqualTo(4);
            assertThat(s.apic().irr()).containsExactly(0xAA, 0xEC);
        }

        @Test
        void aJsonDuplicateKeyIsLocated() {
            ScenarioException e = catchThrowableOfType(ScenarioException.class,
                    () -> ScenarioLoader.load("{\"format\": 1, \"title\": \"a\",\n \"title\": \"b\", \"program\": \"hlt\"}"));
            assertThat(e.errors()).containsExactly(new ScenarioError("title", 2, 2,
                    "duplicate key 'title' (first written at line 1): remove one of the two"));
        }
    }

    @Nested
    class Errors {
        @Test
        void everyErrorInAFileIsReportedInFileOrder() {
            String text = """
                    format: 1
                    title: Several mistakes
                    cpu:
                      rflags: 0x8
                      cpl: 2
                    apic: {irr: [3]}
                    idt:
                      0x100: handler
                    host:
                      - at_step: -1
                        raise_nmi: true
                    expect:
                      - dbg: {at: start}
                    limits: {max_steps: 0}
                    program: |
                      hlt
                    """;
            ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(text));
            assertThat(e.errors()).extracting(ScenarioError::path, ScenarioError::line).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("cpu.rflags", 4),
                    org.assertj.core.groups.Tuple.tuple("cpu.cpl", 5),
                    org.assertj.core.groups.Tuple.tuple("apic.irr[0]", 6),
                    org.assertj.core.groups.Tuple.tuple("idt.0x100", 8),
                    org.assertj.core.groups.Tuple.tuple("host[0].at_step", 10),
                    org.assertj.core.groups.Tuple.tuple("expect[0].dbg", 13),
                    org.assertj.core.groups.Tuple.tuple("limits.max_steps", 14));
            assertThat(e.getMessage()).contains("4:11 cpu.rflags: rflags 0x8 sets reserved bit 3");
        }

        @Test
        void aTextOver64KiBIsRefusedBeforeParsing() {
            String big = MINIMAL + "summary: \"" + "x".repeat(64 * 1024) + "\"\n";
            ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(big));
            assertThat(e.errors()).singleElement().satisfies(err -> {
                assertThat(err.path()).isEmpty();
                assertThat(err.message()).contains("more than the limit of 64 KiB");
            });
        }

        @Test
        void aTextOfExactly64KiBIsRead() {
            String padding = "#".repeat(64 * 1024 - MINIMAL.length() - 1) + "\n";
            assertThat(ScenarioLoader.load(padding + MINIMAL).title()).isEqualTo("Minimal");
        }

        @Test
        void nullTextIsAScenarioError() {
            assertThat(catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(null)).errors())
                    .singleElement().extracting(ScenarioError::message).asString().contains("no scenario text");
        }

        @Test
        void theModelCannotBeChangedAfterLoading() {
            Scenario s = ScenarioLoader.load(MINIMAL + "data: {a: [1]}\nidt: {1: h}\n");
            assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> s.data().get("a").add(2L)))
                    .isNotNull();
            assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> s.idt().remove(1)))
                    .isNotNull();
            assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> s.cpu().regs().set(0, 1L)))
                    .isNotNull();
            assertThat(List.of(s.expect(), s.host())).allSatisfy(list ->
                    assertThat(catchThrowableOfType(UnsupportedOperationException.class, list::clear)).isNotNull());
        }
    }

    @Nested
    class ControlRegisterKeys {
        private Scenario load(String cpu) {
            return ScenarioLoader.load("format: 1\ntitle: T\ncpu:\n" + cpu + "program: |\n  hlt\n");
        }

        private ScenarioError error(String cpu) {
            ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load(cpu));
            assertThat(e).isNotNull();
            return e.errors().getFirst();
        }

        @Test
        void cr4DeIsAnAliasForBit3OfCr4() {
            assertThat(load("  cr4_de: true\n").cpu().cr4()).isEqualTo(0x28);
            assertThat(load("  cr4: 0x2028\n").cpu().cr4De()).isTrue();
            assertThat(load("  cr4: 0x2028\n  cr4_de: true\n").cpu().cr4()).isEqualTo(0x2028);
        }

        @Test
        void cr4AndCr4DeThatDisagreeAreALocatedError() {
            ScenarioError e = error("  cr4: 0x2028\n  cr4_de: false\n");
            assertThat(e.path()).isEqualTo("cpu.cr4_de");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).contains("contradicts cr4");
        }

        @Test
        void aReservedCr4BitIsALocatedError() {
            ScenarioError e = error("  cr4: 0x8020\n");
            assertThat(e.path()).isEqualTo("cpu.cr4");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).contains("reserved");
        }

        @Test
        void cr0WithoutPagingCannotStartIa32eCode() {
            assertThat(error("  cr0: 0x11\n").message()).contains("clears PG");
            assertThat(error("  cr0: 0xa0010031\n").message()).contains("NW without CD");
        }

        @Test
        void cr3AboveMaxphyaddrIsAnError() {
            assertThat(error("  cr3: 0x400000000000\n").path()).isEqualTo("cpu.cr3");
        }
    }
}
