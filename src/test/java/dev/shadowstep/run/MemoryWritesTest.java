package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Step.Write;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guest memory writes of debug-regs-sti-bare-metal.yaml, worked out by hand from its program:
 * RSP starts at the top of the stack, 0x800000 (16-byte aligned), CS = 0x08 and SS = 0x10, RFLAGS = 0x2.
 * A 64-bit delivery pushes SS, RSP, RFLAGS, CS, RIP in that order from RSP aligned down to 16
 * bytes (SDM Vol. 3A 6.14.2, Figure 6-9); a #DB pushes RF as it is (0 here).
 */
class MemoryWritesTest {
    private static final long TOP = 0x800000L;

    private static Write quad(long address, long old, long value) {
        return new Write(address, 8, old, value);
    }

    /** The frame of a delivery from RSP 0x800000, over what was on the stack before. */
    private static List<Write> frame(long[] old, long rflags, long rip) {
        return List.of(quad(TOP - 8, old[0], 0x10), quad(TOP - 16, old[1], TOP), quad(TOP - 24, old[2], rflags),
                quad(TOP - 32, old[3], 0x08), quad(TOP - 40, old[4], rip));
    }

    @Test
    void bothDeliveriesPushTheirFrameAndTheHandlerClearsTfInTheSavedRflags() throws IOException {
        Trace t = HypervisorTraceTest.run("debug-regs-sti-bare-metal.yaml");
        List<Step> steps = HypervisorTraceTest.steps(t);
        long start = t.symbols().get("fep_sti_start"), end = t.symbols().get("fep_sti_end");

        // pushf pushes RFLAGS = 0x2 to 0x7ffff8 (the stack was zero); orq sets TF in it
        assertThat(steps.get(0).writes()).containsExactly(quad(TOP - 8, 0, 0x2));
        assertThat(steps.get(1).writes()).containsExactly(quad(TOP - 8, 0x2, 0x102));
        assertThat(steps.get(2).writes()).isEmpty(); // popf reads only

        List<Step> deliveries = steps.stream().filter(s -> s.kind() == Step.Kind.DELIVER).toList();
        assertThat(deliveries).extracting(Step::text)
                .containsExactly("#DB delivered", "IRQ 0xaa delivered", "#DB delivered");
        // First #DB after sti: RFLAGS = IF | TF | bit 1 = 0x302; SS lands on the word the pushf left (0x102)
        assertThat(deliveries.get(0).writes()).isEqualTo(frame(new long[] {0x102, 0, 0, 0, 0}, 0x302, start));
        // The handler's andq $~X86_EFLAGS_TF, 16(%rsp): RSP is 0x7fffd8, so the saved RFLAGS at 0x7fffe8
        Step andq = steps.get(steps.indexOf(deliveries.get(0)) + 1);
        assertThat(andq.text()).startsWith("andq");
        assertThat(andq.writes()).containsExactly(quad(TOP - 24, 0x302, 0x202));
        // IRET restored RFLAGS = 0x202 and RSP; IRQ 0xAA pushes the same frame again at fep_sti_start
        assertThat(deliveries.get(1).writes()).isEqualTo(frame(new long[] {0x10, TOP, 0x202, 0x08, start}, 0x202, start));
        // cli; pushf (0x2 over SS); orq TF (0x102); popf; sti: the second #DB at fep_sti_end
        assertThat(deliveries.get(2).writes()).isEqualTo(frame(new long[] {0x102, TOP, 0x202, 0x08, start}, 0x302, end));
        Step secondAndq = steps.get(steps.indexOf(deliveries.get(2)) + 1);
        assertThat(secondAndq.writes()).containsExactly(quad(TOP - 24, 0x302, 0x202));
        // nothing else writes memory: sti, cli, popf, iretq, the EOI (an MSR write) and hlt do not
        assertThat(steps).filteredOn(s -> !s.writes().isEmpty()).hasSize(3 + 2 + 2 + 2);
    }

    @Test
    void theTraceJsonCarriesTheWritesAndReadsThemBack() throws IOException {
        Trace t = HypervisorTraceTest.run("debug-regs-sti-bare-metal.yaml");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceJson.write(t, json);

        JsonNode steps = JsonMapper.builder().build().readTree(json.toByteArray()).get("steps");
        JsonNode andq = steps.get(5);
        assertThat(andq.get("text").stringValue()).startsWith("andq");
        JsonNode w = andq.get("writes").get(0);
        assertThat(w.get("address").stringValue()).isEqualTo("0x7fffe8");
        assertThat(w.get("size").isNumber()).isTrue();
        assertThat(w.get("size").intValue()).isEqualTo(8);
        assertThat(w.get("old").stringValue()).isEqualTo("0x302");
        assertThat(w.get("new").stringValue()).isEqualTo("0x202");
        assertThat(steps.get(2).has("writes")).as("a step that wrote nothing has no writes field").isFalse();

        Trace back = TraceJson.read(new ByteArrayInputStream(json.toByteArray()));
        for (int i = 0; i < t.steps().size(); i++) {
            assertThat(back.steps().get(i).writes()).isEqualTo(t.steps().get(i).writes());
        }
    }
}
