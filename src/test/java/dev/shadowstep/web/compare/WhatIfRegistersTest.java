package dev.shadowstep.web.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * What-if forks that write registers at a step (set or clear TF, IF, RF; write DR0-DR3 / DR7, as a
 * host action {@code set_regs} / {@code set_debugregs} at_step N) or start in a shadow ({@code cpu.shadow}),
 * each on a library scenario, with the expected events taken from the SDM rule the fork exercises.
 */
class WhatIfRegistersTest {

    static String library(String name) throws Exception {
        return new ClassPathResource("scenarios/" + name + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    static Trace run(String text) {
        return ScenarioRunner.run(ScenarioLoader.load(text), null);
    }

    static List<Event> events(Trace trace, Event.Type type) {
        return trace.events().stream().filter(e -> e.type() == type).toList();
    }

    /** Returns the index of the first instruction step at {@code label}. */
    static int firstInsnAt(Trace trace, String label) {
        for (int i = 0; i < trace.steps().size(); i++) {
            Step s = trace.steps().get(i);
            if (s.kind() == Step.Kind.INSN && label.equals(s.label())) return i;
        }
        throw new AssertionError("no instruction runs at " + label);
    }

    /** Returns the lines of {@code fork} that {@code text} does not have, in order. */
    static List<String> added(String text, String fork) {
        List<String> lines = new ArrayList<>(fork.lines().toList());
        for (String line : text.lines().toList()) assertThat(lines.remove(line)).as("kept: %s", line).isTrue();
        return lines;
    }

    /**
     * kvm-unit-tests' single-step basic test (kut-13-singlestep-basic), TF set by a debugger before its
     * first instruction (pushf): SDM Vol. 3A 18.3.1.4, the single-step trap follows an instruction that
     * began with TF=1, so the first #DB comes right after pushf, with DR6.BS (DR6 reads 0xffff4ff0) and
     * the pushed RIP the address of the instruction after pushf (where the unforked run's step 1 is).
     */
    @Test
    void tfSetAtStepZeroTrapsAfterTheNextInstruction() throws Exception {
        String text = library("kut-13-singlestep-basic");
        Trace original = run(text);
        String fork = new WhatIf("set", 0, null, "TF").apply(text);
        assertThat(added(text, fork)).containsExactly("host:", "  - {at_step: 0, set_regs: {rflags_set: [TF]}}");

        Trace trace = run(fork);
        assertThat(trace.steps().kind(0)).as("the register write is the host step at 0").isEqualTo(Step.Kind.HOST);
        assertThat(trace.steps().get(1).text()).isEqualTo("pushf");
        Event first = events(trace, Event.Type.DB).getFirst();
        assertThat(first.at()).isEqualTo(original.steps().get(1).rip());
        assertThat(first.dr6()).isEqualTo(0xffff4ff0L);
        assertThat(first.step()).as("delivered at the boundary right after pushf").isEqualTo(2);
        // the unforked run's first #DB is the one after "and" (popf set TF: no trap after popf itself)
        assertThat(events(original, Event.Type.DB).getFirst().label()).isEqualTo("ss_start");
    }

    /**
     * The same test with TF cleared at the boundary before "push %rax" (ss_start, TF=1 there in the
     * unforked run): that push begins with TF=0, so no single-step trap follows it (SDM Vol. 3A
     * 18.3.1.4), and popf loads RFLAGS with TF already clear: the #DBs at after_push and after_popf are gone.
     */
    @Test
    void tfClearedBeforeAnInstructionTakesItsTrapAway() throws Exception {
        String text = library("kut-13-singlestep-basic");
        Trace original = run(text);
        int push = firstInsnAt(original, "ss_start");
        assertThat(original.steps().state(push - 1).tf()).isTrue();
        Trace trace = run(new WhatIf("clear", push, null, "TF").apply(text));

        assertThat(events(original, Event.Type.DB)).extracting(Event::label).containsExactly("ss_start", "after_push", "after_popf");
        assertThat(events(trace, Event.Type.DB)).extracting(Event::label).containsExactly("ss_start");
        assertThat(trace.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
    }

    /**
     * sti-shadow-basic with IF set before its first instruction: IRQ 0xAA is pending from the start and
     * now nothing masks it (no STI has run, so no shadow; SDM Vol. 3A 6.8.1), so it is delivered at that
     * first boundary with the pushed RIP the program's start, not at after_nop.
     */
    @Test
    void ifSetAtStepZeroDeliversThePendingIrqAtOnce() throws Exception {
        String text = library("sti-shadow-basic");
        Trace original = run(text);
        Trace trace = run(new WhatIf("set", 0, null, "IF").apply(text));
        Event irq = events(trace, Event.Type.IRQ).getFirst();
        assertThat(irq.vector()).isEqualTo(0xAA);
        assertThat(irq.at()).isEqualTo(original.steps().get(0).rip());
        assertThat(events(original, Event.Type.IRQ).getFirst().label()).isEqualTo("after_nop");
    }

    /**
     * code-bp-rf-once-per-execution with RF set at the boundary before the breakpoint's first fault:
     * RF=1 suppresses instruction breakpoints for one instruction (SDM Vol. 3B 18.3.1.1), so the first
     * pass runs bp_insn without a #DB and only the second pass faults: one #DB instead of two.
     */
    @Test
    void rfSetBeforeAnInstructionBreakpointSkipsItOnce() throws Exception {
        String text = library("code-bp-rf-once-per-execution");
        Trace original = run(text);
        int fault = events(original, Event.Type.DB).getFirst().step();
        Trace trace = run(new WhatIf("set", fault, null, "RF").apply(text));
        assertThat(events(original, Event.Type.DB)).hasSize(2);
        assertThat(events(trace, Event.Type.DB)).hasSize(1).allSatisfy(e -> assertThat(e.label()).isEqualTo("bp_insn"));
    }

    /**
     * The same scenario with DR7 written 0 before its first instruction: with L0 and G0 clear,
     * breakpoint 0 is disabled (SDM Vol. 3B 18.2.4), so nothing faults at bp_insn.
     */
    @Test
    void dr7WrittenZeroDisablesTheBreakpoint() throws Exception {
        String text = library("code-bp-rf-once-per-execution");
        String fork = new WhatIf("dr", 0, null, "dr7", "0").apply(text);
        assertThat(added(text, fork)).containsExactly("host:", "  - {at_step: 0, set_debugregs: {dr7: 0x0}}");
        Trace trace = run(fork);
        assertThat(events(trace, Event.Type.DB)).isEmpty();
        assertThat(trace.outcome().status()).isEqualTo(Outcome.Status.COMPLETED);
    }

    /**
     * DR0 written to a label arms breakpoint 0 there: kut-13's DR7 stays 0x400 (no breakpoint enabled), so
     * DR0 alone changes no event; with DR7 = 0x1 (L0, execute, LEN 1; SDM Vol. 3B 18.2.4) written after it
     * an instruction fault is reported at that label, before the instruction (SDM Vol. 3B 18.3.1.1), DR6.B0 set.
     */
    @Test
    void dr0WrittenToALabelAndDr7EnablingItFaultThere() throws Exception {
        String text = library("sti-shadow-basic").replace("idt:\n", "idt:\n  1: db_handler\n")
                .replace("  iretq\nexpect:", "  iretq\n\n  db_handler:\n  orq $X86_EFLAGS_RF, 16(%rsp)\n  iretq\nexpect:");
        String armed = new WhatIf("dr", 0, null, "dr7", "0x1").apply(new WhatIf("dr", 0, null, "dr0", "after_nop").apply(text));
        assertThat(armed).contains("  - {at_step: 0, set_debugregs: {dr0: after_nop}}\n  - {at_step: 0, set_debugregs: {dr7: 0x1}}\n");
        Trace trace = run(armed);
        Event db = events(trace, Event.Type.DB).getFirst();
        assertThat(db.label()).isEqualTo("after_nop");
        assertThat(db.dr6() & 0x1).isEqualTo(1);
    }

    /**
     * sti-shadow-basic forked twice, the fork being an ordinary scenario: IF set at step 0 and the run
     * started in an STI shadow. The shadow blocks the pending IRQ at the first boundary and ends after
     * the next instruction (SDM Vol. 2B STI; Vol. 3A 6.8.3); that instruction is the program's sti, which
     * opens no new shadow because IF is already 1 (SDM Vol. 2B STI), so IRQ 0xAA lands at in_shadow.
     */
    @Test
    void startingInAnStiShadowHoldsTheIrqForOneInstruction() throws Exception {
        String text = library("sti-shadow-basic");
        String withIf = new WhatIf("set", 0, null, "IF").apply(text);
        String fork = new WhatIf("shadow", 0, null, "sti").apply(withIf);
        assertThat(added(withIf, fork)).containsExactly("cpu: {shadow: sti}");
        assertThat(ScenarioLoader.load(fork).host()).hasSize(1);
        Event irq = events(run(fork), Event.Type.IRQ).getFirst();
        assertThat(irq.label()).isEqualTo("in_shadow");
    }

    @Test
    void aCpuMapGetsTheShadowInItsOwnStyle() throws Exception {
        String text = library("code-bp-rf-once-per-execution");
        String fork = new WhatIf("shadow", 4, null, "mov_ss").apply(text);
        assertThat(fork).isEqualTo(text.replace("cpu: {dr0: bp_insn, dr7: 0x401}", "cpu: {dr0: bp_insn, dr7: 0x401, shadow: mov_ss}"));
        assertThat(new WhatIf("shadow", 4, null, "mov_ss").describe()).isEqualTo("starts in a MOV SS shadow");
    }

    @Test
    void aJsonScenarioGetsJsonRegisterWrites() {
        String json = "{\"format\": 1, \"title\": \"t\", \"program\": \"x:\\nnop\\nhlt\\n\", \"host\": []}";
        String fork = new WhatIf("dr", 1, null, "dr0", "x").apply(new WhatIf("clear", 0, null, "tf").apply(json));
        assertThat(fork).contains("\"host\": [{\"at_step\": 0, \"set_regs\": {\"rflags_clear\": [\"TF\"]}}, "
                + "{\"at_step\": 1, \"set_debugregs\": {\"dr0\": \"x\"}}]");
        assertThat(ScenarioLoader.load(fork).host()).hasSize(2);
    }

    @Test
    void aBadRegisterForkSaysWhatIsWrong() throws Exception {
        String text = library("sti-shadow-basic");
        assertThatThrownBy(() -> new WhatIf("set", 0, null, "ZF").apply(text)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("TF, IF or RF");
        assertThatThrownBy(() -> new WhatIf("dr", 0, null, "dr6", "0").apply(text)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("dr0, dr1, dr2, dr3 or dr7");
        assertThatThrownBy(() -> new WhatIf("dr", 0, null, "dr7", "0x100000000").apply(text)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("32 bits");
        assertThatThrownBy(() -> new WhatIf("dr", 0, null, "dr7", "after_nop").apply(text)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> new WhatIf("dr", 0, null, "dr0", "a}: {b").apply(text)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> new WhatIf("dr", 0, null, "dr0", "").apply(text)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Write what to dr0");
        assertThatThrownBy(() -> new WhatIf("shadow", 0, null, "nmi").apply(text)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("sti or mov_ss");
    }
}
