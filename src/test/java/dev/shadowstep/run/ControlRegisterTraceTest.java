package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace state carries CR0, CR3, CR4 and CR8, names them in {@code changed}, and survives JSON both ways. */
class ControlRegisterTraceTest {

    @Test
    void theDr4ScenarioShowsCr4DeChangingAndItsRules() throws IOException {
        Trace t = HypervisorTraceTest.run("kut-10-dr4-cr4-writes.yaml");
        List<Step> steps = HypervisorTraceTest.steps(t);
        List<Step> cr4Writes = steps.stream().filter(s -> "MOV_TO_CR4".equals(s.rule())).toList();
        // write_cr4(cr4 & ~DE), write_cr4(cr4 | DE), and handle_ud's write_cr4(cr4 & ~DE)
        assertThat(cr4Writes).extracting(s -> s.state().cr().cr4()).containsExactly(0x20L, 0x28L, 0x20L);
        assertThat(cr4Writes).allSatisfy(s -> assertThat(s.changed()).contains("cr4"));
        assertThat(cr4Writes.get(1).why()).contains("DE 0->1: DR4 and DR5 now raise #UD");
        assertThat(steps.get(0).state().cr()).isEqualTo(new State.ControlRegs(0x80010033L, 0, 0x28, 0));

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceJson.write(t, json);
        assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"cr4\":\"0x28\"");
        Trace back = TraceJson.read(new ByteArrayInputStream(json.toByteArray()));
        assertThat(back.steps().get(cr4Writes.get(1).index()).state().cr()).isEqualTo(cr4Writes.get(1).state().cr());
    }

    @Test
    void aStateWrittenBeforeTheControlRegistersStillReads() throws IOException {
        Trace t = HypervisorTraceTest.run("kut-10-dr4-cr4-writes.yaml");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceJson.write(t, json);
        String old = json.toString(StandardCharsets.UTF_8).replaceAll(",\"cr0\":\"[^\"]*\",\"cr3\":\"[^\"]*\",\"cr4\":\"[^\"]*\",\"cr8\":\"[^\"]*\"", "");
        assertThat(old).doesNotContain("\"cr4\":");
        Trace back = TraceJson.read(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)));
        assertThat(back.steps().get(0).state().cr()).isNull();
        assertThat(back.steps().size()).isEqualTo(t.steps().size());
    }

    @Test
    void cr8FollowsTheTpr() {
        Trace t = dev.shadowstep.run.ScenarioRunner.run(dev.shadowstep.scenario.ScenarioLoader.load("""
                format: 1
                title: cr8
                cpu: {rax: 0xc}
                program: |
                  mov %rax, %cr8
                  hlt
                """), null);
        Step mov = HypervisorTraceTest.steps(t).getFirst();
        assertThat(mov.state().cr().cr8()).isEqualTo(0xc);
        assertThat(mov.changed()).contains("cr8");
        assertThat(mov.why()).contains("TPR = 0xc0");
    }
}
