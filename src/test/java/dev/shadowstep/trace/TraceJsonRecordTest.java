package dev.shadowstep.trace;

import static dev.shadowstep.trace.TraceJsonWriteTest.MAPPER;
import static dev.shadowstep.trace.TraceJsonWriteTest.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Steps, states and events as single JSON objects ({@code stepJson}, {@code eventJson}). */
class TraceJsonRecordTest {

    static State state(long rflags, State.Shadow shadow, State.Activity activity, State.Vmcs vmcs) {
        long[] regs = new long[16];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = 0x1000 + i;
        }
        regs[0] = -1L;
        return new State(0x40100bL, rflags, shadow, regs, 0x401000, 0, 0, 0x8000000000000000L, 0xffff4ff0L, 0x400,
                0x4000, List.of(0xaa, 0x31), List.of(), true, activity, vmcs);
    }

    static Step step(Step.Kind kind, Step.Where where, State state) {
        return new Step(3, kind, 0x40100aL, "start+10", "sti", where, state, List.of("rip", "rflags"),
                "STI sets IF.", List.of("IRQ 0xaa held: STI shadow"));
    }

    static JsonNode stepNode(Step step) {
        String text = TraceJson.stepJson(step);
        assertThat(text).doesNotContain("\n");
        return MAPPER.readTree(text);
    }

    @Nested
    class StepFields {
        final JsonNode step = stepNode(step(Step.Kind.INSN, Step.Where.GUEST,
                state(0x10302, State.Shadow.STI, State.Activity.ACTIVE, null)));

        @Test
        void fieldsComeInTheSpecsOrder() {
            assertThat(names(step)).containsExactly("index", "kind", "rip", "label", "text", "where", "state",
                    "changed", "why", "held");
            assertThat(step.get("index").intValue()).isEqualTo(3);
            assertThat(step.get("rip").stringValue()).isEqualTo("0x40100a");
            assertThat(step.get("changed").get(1).stringValue()).isEqualTo("rflags");
            assertThat(step.get("held").get(0).stringValue()).isEqualTo("IRQ 0xaa held: STI shadow");
        }

        @Test
        void aStepWithoutLabelOrWhyLeavesThemOutAndWritesEmptyLists() {
            Step bare = new Step(0, Step.Kind.HOST, 0, null, "KVM_EXIT_DEBUG", Step.Where.HOST,
                    state(0x2, State.Shadow.NONE, State.Activity.ACTIVE, null), null, null, List.of());
            JsonNode node = stepNode(bare);
            assertThat(names(node)).containsExactly("index", "kind", "rip", "text", "where", "state", "changed", "held");
            assertThat(node.get("changed").size()).isZero();
        }

        @Test
        void whoRunsTheStepIsWrittenAfterWhereAndReadBack() {
            State s = state(0x2, State.Shadow.NONE, State.Activity.ACTIVE, null);
            Step l2 = new Step(3, Step.Kind.INSN, 0x40100aL, "start+10", "sti", Step.Where.GUEST, s, List.of("rip"),
                    "STI sets IF.", List.of(), null, List.of(), List.of(), Runner.L2);
            JsonNode node = stepNode(l2);
            assertThat(names(node)).containsSequence("where", "runs", "state");
            assertThat(node.get("runs").stringValue()).isEqualTo("l2");
            assertThat(l2.runner()).isEqualTo(Runner.L2);
            // a step that does not say (a trace written before the field): host steps run in the host, guest steps in L1
            assertThat(step(Step.Kind.HOST, Step.Where.HOST, s).runner()).isEqualTo(Runner.HOST);
            assertThat(step(Step.Kind.INSN, Step.Where.GUEST, s).runner()).isEqualTo(Runner.L1);
            assertThat(names(stepNode(step(Step.Kind.INSN, Step.Where.GUEST, s)))).doesNotContain("runs");
            assertThat(l2.withoutAdditions().runs()).isNull();
        }

        @ParameterizedTest(name = "{0} is written as \"{1}\"")
        @CsvSource({"INSN, insn", "DELIVER, deliver", "VMEXIT, vmexit", "VMENTRY, vmentry", "HOST, host"})
        void kindsUseTheirWireNames(Step.Kind kind, String wire) {
            JsonNode node = stepNode(step(kind, Step.Where.HOST, state(0x2, State.Shadow.NONE, State.Activity.ACTIVE, null)));
            assertThat(node.get("kind").stringValue()).isEqualTo(wire);
            assertThat(node.get("where").stringValue()).isEqualTo("host");
        }
    }

    @Nested
    class StateFields {
        final JsonNode state = stepNode(step(Step.Kind.INSN, Step.Where.GUEST,
                state(0x10302, State.Shadow.MOV_SS, State.Activity.HLT, null))).get("state");

        @Test
        void fieldsComeInTheSpecsOrderWithoutVmcsOnBareMetal() {
            assertThat(names(state)).containsExactly("rip", "rflags", "tf", "if", "rf", "shadow", "dr0", "dr1", "dr2",
                    "dr3", "dr6", "dr7", "pending_db", "irr", "isr", "nmi_blocked", "activity", "regs");
        }

        @Test
        void valuesAreLowerCaseHexStringsAndSixtyFourBitValuesAreUnsigned() {
            assertThat(state.get("rflags").stringValue()).isEqualTo("0x10302");
            assertThat(state.get("dr3").stringValue()).isEqualTo("0x8000000000000000");
            assertThat(state.get("dr6").stringValue()).isEqualTo("0xffff4ff0");
            assertThat(state.get("dr1").stringValue()).isEqualTo("0x0");
            assertThat(state.get("pending_db").stringValue()).isEqualTo("0x4000");
            assertThat(state.get("regs").get("rax").stringValue()).isEqualTo("0xffffffffffffffff");
        }

        @Test
        void flagsAreBooleansFromRflagsBits8And9And16() {
            assertThat(state.get("tf").booleanValue()).isTrue();
            assertThat(state.get("if").booleanValue()).isTrue();
            assertThat(state.get("rf").booleanValue()).isTrue();
            JsonNode clear = stepNode(step(Step.Kind.INSN, Step.Where.GUEST,
                    state(0x2, State.Shadow.NONE, State.Activity.ACTIVE, null))).get("state");
            assertThat(List.of(clear.get("tf"), clear.get("if"), clear.get("rf")))
                    .allSatisfy(flag -> assertThat(flag.booleanValue()).isFalse());
        }

        @Test
        void enumsVectorsAndBooleansHaveTheirWireForms() {
            assertThat(state.get("shadow").stringValue()).isEqualTo("mov_ss");
            assertThat(state.get("activity").stringValue()).isEqualTo("hlt");
            assertThat(state.get("irr").get(0).stringValue()).isEqualTo("0xaa");
            assertThat(state.get("irr").get(1).stringValue()).isEqualTo("0x31");
            assertThat(state.get("isr").size()).isZero();
            assertThat(state.get("nmi_blocked").booleanValue()).isTrue();
        }

        @Test
        void registersAreNamedInEncodingOrder() {
            assertThat(names(state.get("regs"))).containsExactlyElementsOf(State.REG_NAMES);
            assertThat(state.get("regs").get("r15").stringValue()).isEqualTo("0x100f");
        }

        @Test
        void vmcsFieldsAreWrittenUnderAHypervisorInTheSpecsOrder() {
            State.Vmcs vmcs = new State.Vmcs(0x1, 0x4000, 0x0, 0x80000301L, 0x80000021L, 0xffffffffffffffffL);
            JsonNode node = stepNode(step(Step.Kind.VMENTRY, Step.Where.GUEST,
                    state(0x302, State.Shadow.STI, State.Activity.ACTIVE, vmcs))).get("state").get("vmcs");
            assertThat(names(node)).containsExactly("interruptibility", "pending_dbg", "activity_state",
                    "entry_intr_info", "exit_reason", "exit_qualification");
            assertThat(node.get("entry_intr_info").stringValue()).isEqualTo("0x80000301");
            assertThat(node.get("exit_qualification").stringValue()).isEqualTo("0xffffffffffffffff");
        }
    }

    @Nested
    class EventFields {
        @Test
        void aDbEventHasOnlyTheFieldsThatApplyInTheSpecsOrder() {
            Event db = new Event(7, Event.Type.DB, 1, 0x40100bL, "fep_sti_start", 0xffff4ff0L, List.of("BS"),
                    "native", null, null, null, null, null, null);
            JsonNode node = MAPPER.readTree(TraceJson.eventJson(db));
            assertThat(names(node)).containsExactly("step", "type", "vector", "at", "label", "dr6", "cause", "via");
            assertThat(node.get("vector").isIntegralNumber()).isTrue();
            assertThat(node.get("at").stringValue()).isEqualTo("0x40100b");
            assertThat(node.get("cause").get(0).stringValue()).isEqualTo("BS");
        }

        @Test
        void anEventWithEveryFieldKeepsTheSpecsOrder() {
            Event all = new Event(9, Event.Type.EXIT_TO_HOST, 1, 0x401000L, "sw_bp", 0xffff0ff1L, List.of("B0"),
                    "native", "exception", 0x0L, "a check", "KVM_EXIT_DEBUG", 1, 0x401000L);
            JsonNode node = MAPPER.readTree(TraceJson.eventJson(all));
            assertThat(names(node)).containsExactly("step", "type", "vector", "at", "label", "dr6", "cause", "via",
                    "reason", "qualification", "check", "exit", "exception", "pc");
            assertThat(node.get("type").stringValue()).isEqualTo("exit_to_host");
            assertThat(node.get("exception").intValue()).isEqualTo(1);
            assertThat(node.get("pc").stringValue()).isEqualTo("0x401000");
        }

        @Test
        void aFailedVmEntryCarriesReasonAndCheckOnly() {
            Event failed = new Event(5, Event.Type.VMENTRY_FAILED, null, null, null, null, null, null,
                    "0x80000021", null, "TF=1 with STI blocking needs PENDING_DBG.BS", null, null, null);
            assertThat(TraceJson.eventJson(failed)).isEqualTo("{\"step\":5,\"type\":\"vmentry_failed\","
                    + "\"reason\":\"0x80000021\",\"check\":\"TF=1 with STI blocking needs PENDING_DBG.BS\"}");
        }
    }
}
