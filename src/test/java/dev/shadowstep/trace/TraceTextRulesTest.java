package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules every text trace keeps: 80 columns, no trailing spaces, nothing lost when a line is long. */
class TraceTextRulesTest {

    static final String LONG_WORD = "x".repeat(150);
    static final String SOURCE = "title: " + "a long title ".repeat(12) + "\n"
            + "program: |\n\tmovq $0x1234, %rax\t# tab-indented\n"
            + "  " + "nop; ".repeat(30) + "\n"
            + "  " + LONG_WORD + "\n";

    /** A window of a long run, with every cell and text too long for its column. */
    static Trace adversarial() {
        State.Vmcs vmcs = new State.Vmcs(-1L, -1L, -1L, -1L, -1L, -1L);
        State state = new State(0x401000, 0x10302, State.Shadow.MOV_SS, new long[16], 0, 0, 0, 0,
                0xffffffffffff4ff0L, 0x400, 0xffffffffffffffffL, List.of(0xaa, 0xab, 0xac), List.of(0x31, 0x32),
                false, State.Activity.ACTIVE, vmcs);
        List<Step> steps = new ArrayList<>();
        for (int i = 9_999_997; i < 10_000_000; i++) {
            steps.add(new Step(i, Step.Kind.INSN, 0xffffffffffff0000L, "a_label_far_longer_than_its_column+65535",
                    "movabsq $0x123456789abcdef0, %r15 # and a comment", Step.Where.GUEST, state,
                    List.of("rip"), "A why with a very long word " + LONG_WORD + " and more prose after it.",
                    List.of("IRQ 0xab held: " + "lower priority than 0xaa and still waiting ".repeat(3))));
        }
        String check = "the interruptibility state says blocking by STI while RFLAGS.IF is 0 " + LONG_WORD;
        List<Event> events = List.of(
                new Event(9_999_998, Event.Type.VMENTRY_FAILED, null, null, null, null, null, null, "0x80000021",
                        null, check, null, null, null),
                new Event(9_999_999, Event.Type.EXIT_TO_HOST, 1, 0xffffffffffffffffL, "label_" + LONG_WORD,
                        0xffff4ff0L, List.of("B0", "B1", "B2", "B3", "BD", "BS", "BT"), "native", "exception",
                        0xffffffffffffffffL, check, "KVM_EXIT_DEBUG", 1, 0xffffffffffffffffL));
        return new Trace(Trace.FORMAT, "shadowstep 0.1.0 " + LONG_WORD,
                new Trace.ScenarioRef("t".repeat(120), "k3x9f2a7qd"), Map.of(), List.of(), Steps.of(steps), events,
                new Outcome(Outcome.Status.ERROR, 9_999_999, "engine bug " + LONG_WORD),
                List.of(new ExpectationResult("db at " + LONG_WORD, false, null, "no such event " + LONG_WORD)),
                List.of(new Finding(9_999_999, Finding.Kind.MISSING_EOI, Finding.Severity.WARNING,
                        "handler " + LONG_WORD + " returns without EOI")));
    }

    static List<String> lines(String text) {
        assertThat(text).endsWith("\n");
        return text.substring(0, text.length() - 1).lines().toList();
    }

    static void assertFitsEmail(String text) {
        assertThat(lines(text)).allSatisfy(line -> {
            assertThat(TextWrap.width(line)).as("columns of: %s", line).isLessThanOrEqualTo(80);
            assertThat(line).as("trailing space").isEqualTo(line.stripTrailing());
            assertThat(line).doesNotContain("\t").doesNotContain("\r");
        });
    }

    @Test
    void everyLineOfTheGoldenTracesFitsIn80Columns() throws IOException {
        assertFitsEmail(TraceTextGoldenTest.text(StiTraces.bare(), TraceTextGoldenTest.resource("sti-bare.yaml")));
        assertFitsEmail(TraceTextGoldenTest.text(StiKvmTrace.build(), TraceTextGoldenTest.resource("sti-kvm.yaml")));
    }

    @Test
    void everyLineFitsIn80ColumnsWhenEveryTextIsTooLong() {
        assertFitsEmail(TraceTextGoldenTest.text(adversarial(), SOURCE));
    }

    @Test
    void aLongWordInProseIsSplitRatherThanLost() {
        String text = TraceTextGoldenTest.text(adversarial(), SOURCE);
        String joined = String.join("", lines(text)).replace(" ", "");
        assertThat(joined).contains("averylongword" + LONG_WORD + "andmoreprose");
    }

    @Test
    void stepIndicesWiderThanTheRunSizeStillFit() {
        String text = TraceTextGoldenTest.text(adversarial(), null);
        assertThat(lines(text)).anySatisfy(line -> assertThat(line).startsWith("9999999 a_label_f\u2026+65535 movabsq $0\u2026 "));
    }

    @Test
    void longSourceLinesContinueAndJoinBackToTheOriginal() {
        String text = TraceTextGoldenTest.text(adversarial(), SOURCE);
        List<String> rebuilt = new ArrayList<>();
        for (String line : lines(text)) {
            if (line.startsWith("| ") || line.equals("|")) {
                rebuilt.add(line.length() > 2 ? line.substring(2) : "");
            } else if (line.startsWith("+ ")) {
                rebuilt.set(rebuilt.size() - 1, rebuilt.getLast() + line.substring(2));
            }
        }
        assertThat(rebuilt).containsExactly("title: " + "a long title ".repeat(12).stripTrailing(), "program: |",
                "        movq $0x1234, %rax      # tab-indented", "  " + "nop; ".repeat(30).stripTrailing(),
                "  " + LONG_WORD);
    }

    @Test
    void withoutSourceTheTextStartsWithTheScenarioTitleAndQuotesNothing() {
        String text = TraceTextGoldenTest.text(StiTraces.bare(), null);
        assertThat(lines(text).getFirst()).isEqualTo("Scenario: Single-step #DB in an STI shadow (bare metal) (id k3x9f2a7qd)");
        assertThat(lines(text)).noneMatch(line -> line.startsWith("|"));
    }

    @Test
    void cellsTooLongForTheirLanesAreCutVisibly() {
        String row = lines(TraceTextGoldenTest.text(adversarial(), null)).stream()
                .filter(line -> line.startsWith("9999997 ")).findFirst().orElseThrow();
        assertThat(row).endsWith("1  1  1  mov_ss \u2026fff4ff0 fffffffff\u2026 aa\u2026 31\u2026");
    }

    @Test
    void theVmcsLineIsRepeatedOnlyWhenTheVmcsChanged() {
        String text = TraceTextGoldenTest.text(StiKvmTrace.build(), null);
        // VMCS values: initial at step 0, then changed by steps 4, 5 and 6.
        assertThat(lines(text).stream().filter(line -> line.strip().startsWith("vmcs:"))).hasSize(4);
        assertThat(TraceTextGoldenTest.text(StiTraces.bare(), null)).doesNotContain("vmcs:");
    }

    @Test
    void eventsAreMarkedUnderTheStepThatProducedThem() {
        List<String> text = lines(TraceTextGoldenTest.text(StiTraces.bare(), null));
        int step = text.indexOf(text.stream().filter(l -> l.startsWith(" 7 fep_sti_start")).findFirst().orElseThrow());
        assertThat(text.get(step + 1)).isEqualTo("   >> IRQ 0xaa at fep_sti_start (0x40100b) via native");
    }
}
