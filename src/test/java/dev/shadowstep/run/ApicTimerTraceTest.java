package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.State;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timer as the trace shows it (trace-format.md, state.apic): the TSC after each step is the
 * guest instructions retired so far plus the time jumped while halted, and the current count is
 * ceil((expiry - TSC) / divisor) (SDM Vol. 3A 11.5.4), at every step, across the recorder's
 * checkpoints and in any order of access.
 */
class ApicTimerTraceTest {

    /** One-shot, divide by 1, count 3000; a 400-round loop (two instructions a round), then HLT until the timer. */
    static final String SCENARIO = """
            format: 1
            title: "timer across checkpoints"
            idt:
              0x40: irq_handler
            program: |
              movl $0x832, %ecx
              movl $0x40, %eax
              xor %edx, %edx
              wrmsr
              movl $0x83e, %ecx
              movl $0xb, %eax
              wrmsr
              movl $0x838, %ecx
              movl $3000, %eax
              armed: wrmsr
              movl $400, %ebx
              loop: dec %ebx
              jnz loop
              sti
              hlt
              woken: cli
              hlt
              irq_handler:
              movl $0x80b, %ecx
              xor %eax, %eax
              xor %edx, %edx
              wrmsr
              iretq
            expect:
              - irq: {vector: 0x40, at: woken}
            """;

    static final long ARMED_AT = 9;          // instructions retired before the WRMSR to the initial count
    static final long EXPIRY = ARMED_AT + 3000;

    @Test
    void everyStepShowsTheTscAndTheCountsLeftInAnyOrder() {
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(SCENARIO), null);
        Steps steps = trace.steps();
        assertThat(steps.size()).isGreaterThan(3 * 256);

        // the TSC after each step, counted from the trace's own step kinds: +1 per instruction, the
        // timer step sets it to the expiry (the CPU was halted, SDM 11.5.4: time jumps to it)
        List<Long> expected = new ArrayList<>();
        long tsc = 0;
        int timerSteps = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.kind() == Step.Kind.INSN) tsc++;
            if ("APIC_TIMER_EXPIRED".equals(s.rule())) {
                tsc = EXPIRY;
                timerSteps++;
            }
            expected.add(tsc);
        }
        assertThat(timerSteps).isEqualTo(1);

        // backwards, so each state is rebuilt from a checkpoint rather than from the previous step
        for (int i = steps.size() - 1; i >= 0; i--) {
            State.ApicView apic = steps.state(i).apic();
            if (i < 3) {
                // before the LVT write (step 3) the APIC is at reset: no apic object (trace-format.md)
                assertThat(apic).as("step %d", i).isNull();
                continue;
            }
            assertThat(apic.tsc()).as("tsc after step %d", i).isEqualTo(expected.get(i));
            long t = apic.tsc();
            if (i >= ARMED_AT) {   // step 9 is the WRMSR to the initial count
                assertThat(apic.currentCount()).as("current count after step %d", i).isEqualTo(Math.max(0, EXPIRY - t));
                assertThat(apic.armed()).isEqualTo(t < EXPIRY);
            }
        }
        assertThat(trace.expectations()).allSatisfy(e -> assertThat(e.ok()).isTrue());
    }

    @Test
    void theApicStateSurvivesTheJsonAndIsAbsentWhereTheApicIsAtReset() {
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(SCENARIO), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceJson.write(trace, out);
        String json = out.toString(StandardCharsets.UTF_8);
        Trace back = TraceJson.read(new ByteArrayInputStream(out.toByteArray()));
        for (int i = 0; i < trace.steps().size(); i += 97) {
            assertThat(back.steps().state(i).apic()).as("step %d", i).isEqualTo(trace.steps().state(i).apic());
        }
        // step 0 (the APIC at reset) has no "apic"; the timer armed at TSC 9 fires at 9 + 3000 = 0xbc1
        assertThat(TraceJson.stepJson(trace.steps().get(0))).doesNotContain("\"apic\"");
        assertThat(TraceJson.stepJson(trace.steps().get(9))).contains("\"fires_at\":\"0xbc1\"", "\"mode\":\"one-shot\"");
        assertThat(json).contains("\"changed\":[\"rip\",\"apic\"]");
    }

    @Test
    void aTimerCountingAtStartExpiresAtItsCountTimesTheDivisor() {
        // apic.timer: written at TSC 0; divide 0x1 is divide by 4 (SDM Figure 11-10), so 2 counts are 8 instructions
        String text = """
                format: 1
                title: "timer at start"
                cpu: {rflags: 0x202}
                apic:
                  timer: {lvt: 0x40, divide: 0x1, initial_count: 2}
                idt:
                  0x40: irq_handler
                program: |
                  nop
                  nop
                  nop
                  nop
                  nop
                  nop
                  nop
                  nop
                  ninth: nop
                  cli
                  hlt
                  irq_handler:
                  movl $0x80b, %ecx
                  xor %eax, %eax
                  xor %edx, %edx
                  wrmsr
                  iretq
                expect:
                  - irq: {vector: 0x40, at: ninth}
                  - irq: {count: 1}
                """;
        Trace trace = ScenarioRunner.run(ScenarioLoader.load(text), null);
        assertThat(trace.expectations()).allSatisfy(e -> assertThat(e.ok()).as(e.toString()).isTrue());
        State.ApicView first = trace.steps().state(0).apic();
        assertThat(first.divisor()).isEqualTo(4);
        assertThat(first.currentCount()).isEqualTo(2);   // TSC 1: ceil((8 - 1) / 4)
        assertThat(first.firesAt()).isEqualTo(8);
    }
}
