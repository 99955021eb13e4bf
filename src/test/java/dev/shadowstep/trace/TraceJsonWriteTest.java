package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Field names, order and spelling of the trace JSON, checked by parsing the output with Jackson. */
class TraceJsonWriteTest {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static JsonNode json(Trace trace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceJson.write(trace, out);
        return MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    }

    static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    @Nested
    class TopLevel {
        final JsonNode trace = json(StiTraces.bare());

        @Test
        void fieldsComeInTheSpecsOrder() {
            assertThat(names(trace)).containsExactly("format", "engine", "scenario", "symbols", "listing", "steps",
                    "events", "outcome", "expectations", "findings");
            assertThat(trace.get("format").isIntegralNumber()).isTrue();
            assertThat(trace.get("format").intValue()).isEqualTo(1);
            assertThat(trace.get("engine").stringValue()).isEqualTo("shadowstep 0.1.0");
        }

        @Test
        void scenarioHasTitleAndIdAndLeavesOutAMissingId() {
            assertThat(names(trace.get("scenario"))).containsExactly("title", "id");
            assertThat(trace.get("scenario").get("id").stringValue()).isEqualTo("k3x9f2a7qd");
            assertThat(names(json(StiKvmTrace.build()).get("scenario"))).containsExactly("title");
        }

        @Test
        void symbolsAreHexInAddressOrderWhateverTheMapOrder() {
            JsonNode symbols = trace.get("symbols");
            assertThat(names(symbols)).containsExactly("start", "fep_sti_start", "fep_sti_end", "db_handler",
                    "irq_handler");
            assertThat(symbols.get("fep_sti_start").stringValue()).isEqualTo("0x40100b");
        }

        @Test
        void listingEntriesHaveAddressBytesTextLabelsLine() {
            JsonNode orq = trace.get("listing").get(1);
            assertThat(names(orq)).containsExactly("address", "bytes", "text", "labels", "line");
            assertThat(orq.get("address").stringValue()).isEqualTo("0x401001");
            assertThat(orq.get("bytes").stringValue()).isEqualTo("48810c2400010000");
            assertThat(orq.get("labels").isArray()).isTrue();
            assertThat(orq.get("labels").size()).isZero();
            assertThat(orq.get("line").intValue()).isEqualTo(3);
            assertThat(trace.get("listing").get(4).get("labels").get(0).stringValue()).isEqualTo("fep_sti_start");
        }

        @Test
        void outcomeHasStatusStepMessage() {
            JsonNode outcome = trace.get("outcome");
            assertThat(names(outcome)).containsExactly("status", "step", "message");
            assertThat(outcome.get("status").stringValue()).isEqualTo("completed");
            assertThat(outcome.get("step").intValue()).isEqualTo(22);
        }

        @Test
        void outcomeStatusesUseWireNamesAndAMissingMessageIsLeftOut() {
            Trace t = StiTraces.bare();
            Trace failed = new Trace(t.format(), t.engine(), t.scenario(), t.symbols(), t.listing(), t.steps(),
                    t.events(), new Outcome(Outcome.Status.VMENTRY_FAILED, 5, null), t.expectations(), t.findings());
            JsonNode outcome = json(failed).get("outcome");
            assertThat(names(outcome)).containsExactly("status", "step");
            assertThat(outcome.get("status").stringValue()).isEqualTo("vmentry_failed");
        }

        @Test
        void expectationsLeaveOutAMissingStepAndMessage() {
            JsonNode passed = trace.get("expectations").get(0);
            assertThat(names(passed)).containsExactly("expect", "ok", "step");
            assertThat(passed.get("ok").booleanValue()).isTrue();
            assertThat(passed.get("step").intValue()).isEqualTo(4);
            JsonNode failed = json(StiKvmTrace.build()).get("expectations").get(1);
            assertThat(names(failed)).containsExactly("expect", "ok", "message");
            assertThat(failed.get("ok").booleanValue()).isFalse();
        }

        @Test
        void findingsAreWrittenWithStepKindSeverityAndMessageInWireNames() {
            JsonNode first = trace.get("findings").get(0);
            assertThat(names(first)).containsExactly("step", "kind", "severity", "message");
            assertThat(first.get("step").intValue()).isEqualTo(4);
            assertThat(first.get("kind").stringValue()).isEqualTo("db_in_shadow");
            assertThat(first.get("severity").stringValue()).isEqualTo("info");
            assertThat(trace.get("findings").get(1).get("kind").stringValue()).isEqualTo("irq_after_iret_shadow");
        }

        @Test
        void aFindingAboutTheWholeRunLeavesOutItsStep() {
            JsonNode whole = json(StiKvmTrace.build()).get("findings").get(2);
            assertThat(names(whole)).containsExactly("kind", "severity", "message");
            assertThat(whole.get("kind").stringValue()).isEqualTo("expect_unmatched");
            assertThat(whole.get("severity").stringValue()).isEqualTo("warning");
        }

        @Test
        void aRunWithoutFindingsWritesAnEmptyList() {
            Trace none = StiTraces.bare().withFindings(List.of());
            assertThat(json(none).get("findings").isArray()).isTrue();
            assertThat(json(none).get("findings").size()).isZero();
        }

        @Test
        void stepsAreWrittenInOrderWithTheirIndex() {
            JsonNode steps = trace.get("steps");
            assertThat(steps.size()).isEqualTo(23);
            for (int i = 0; i < steps.size(); i++) {
                assertThat(steps.get(i).get("index").intValue()).isEqualTo(i);
            }
        }

        @Test
        void prettyJsonHoldsTheSameTreeOnSeveralLines() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TraceJson.writePretty(StiTraces.bare(), out);
            String pretty = out.toString(StandardCharsets.UTF_8);
            assertThat(pretty.lines().count()).isGreaterThan(100);
            assertThat(MAPPER.readTree(pretty)).isEqualTo(trace);
        }

        @Test
        void writingLeavesTheStreamOpen() {
            boolean[] closed = {false};
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override public void close() { closed[0] = true; }
            };
            TraceJson.write(StiTraces.bare(), out);
            assertThat(closed[0]).isFalse();
            assertThat(out.size()).isPositive();
        }
    }
}
