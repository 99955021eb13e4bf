package dev.shadowstep.web.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.web.FakeTraces;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceJsonAdapterTest {

    final TraceJsonAdapter json = new TraceJsonAdapter();

    @Test
    void aStepIsOneLineWithFlagsAsBooleansAndValuesAsHexStrings() {
        String step = json.stepJson(FakeTraces.stiShadow("t").steps().get(3));
        assertThat(step).doesNotContain("\n")
                .startsWith("{\"index\":3,\"kind\":\"insn\",\"rip\":\"0x40100a\",\"text\":\"sti\",\"where\":\"guest\",")
                .contains("\"rflags\":\"0x302\",\"tf\":true,\"if\":true,\"rf\":false,\"shadow\":\"sti\"")
                .contains("\"pending_db\":\"0x4000\",\"irr\":[\"0xaa\"],\"isr\":[]")
                .contains("\"regs\":{\"rax\":\"0x0\"")
                .contains("\"changed\":[\"rip\",\"rflags\",\"if\",\"shadow\",\"pending_db\"]");
    }

    @Test
    void aStepWithoutALabelLeavesTheLabelOut() {
        assertThat(json.stepJson(FakeTraces.stiShadow("t").steps().get(0))).doesNotContain("\"label\"");
    }

    @Test
    void theHeaderOfATraceHasEventsAndOutcomeButNoStepsOrListing() {
        var header = json.header(FakeTraces.stiShadow("t"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(header, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"listing\":[]", "\"steps\":[]", "\"type\":\"db\"", "\"outcome\":{\"status\":\"completed\"");
        assertThat(header.steps().size()).isZero();
    }
}
