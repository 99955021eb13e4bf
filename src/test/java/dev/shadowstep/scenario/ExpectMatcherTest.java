package dev.shadowstep.scenario;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectMatcherTest {

    private static final Map<String, Long> SYMBOLS = Map.of(
            "fep_sti_start", 0x40100bL, "fep_sti_end", 0x401019L, "db_handler", 0x401030L);
    private static final Outcome COMPLETED = new Outcome(Outcome.Status.COMPLETED, 41, "halted with IF=0");

    private static Event db(int step, long at, String label, long dr6) {
        return new Event(step, Event.Type.DB, 1, at, label, dr6, List.of("BS"), "native",
                null, null, null, null, null, null);
    }

    private static Event irq(int step, int vector, long at, String label) {
        return new Event(step, Event.Type.IRQ, vector, at, label, null, null, "injected",
                null, null, null, null, null, null);
    }

    private static final List<Event> RUN = List.of(
            db(7, 0x40100b, "fep_sti_start", 0xffff4ff0L),
            irq(9, 0xAA, 0x40100b, "fep_sti_start"),
            db(20, 0x401019, "fep_sti_end", 0xffff4ff0L));

    private static List<ExpectItem> expect(String yaml) {
        return ScenarioLoader.load("format: 1\ntitle: t\nprogram: hlt\nexpect:\n" + yaml).expect();
    }

    private static List<ExpectationResult> match(String yaml, List<Event> events, Outcome outcome) {
        return ExpectMatcher.match(expect(yaml), events, outcome, SYMBOLS);
    }

    @Test
    void itemsMatchEventsInOrderWithOtherEventsBetween() {
        List<ExpectationResult> results = match("""
                  - db: {at: fep_sti_start, dr6: 0xffff4ff0}
                  - db: {at: fep_sti_end}
                  - outcome: completed
                """, RUN, COMPLETED);
        assertThat(results).containsExactly(
                new ExpectationResult("db at fep_sti_start dr6=0xffff4ff0", true, 7, null),
                new ExpectationResult("db at fep_sti_end", true, 20, null),
                new ExpectationResult("outcome completed", true, 41, null));
    }

    @Test
    void itemsOutOfOrderFailAndSayTheOrderDiffers() {
        List<ExpectationResult> results = match("""
                  - db: {at: fep_sti_end}
                  - irq: {vector: 0xAA}
                """, RUN, COMPLETED);
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).step()).isNull();
        assertThat(results.get(1).message()).isEqualTo("the matching irq is at step 9, before the previous "
                + "item's match at step 20: the events came in another order");
    }

    @Test
    void eachEventIsMatchedOnlyOnceByInOrderItems() {
        List<ExpectationResult> results = match("""
                  - db: {}
                  - db: {}
                  - db: {}
                """, RUN, COMPLETED);
        assertThat(results).extracting(ExpectationResult::ok).containsExactly(true, true, false);
        assertThat(results).extracting(ExpectationResult::step).containsExactly(7, 20, null);
    }

    @Test
    void countRequiresExactlyThatManyMatchesAndDoesNotMoveTheCursor() {
        List<ExpectationResult> results = match("""
                  - db: {at: fep_sti_end}
                  - db: {count: 2}
                  - irq: {count: 1}
                  - irq: {count: 0, vector: 0xEC}
                  - db: {count: 1}
                """, RUN, COMPLETED);
        assertThat(results).extracting(ExpectationResult::ok).containsExactly(true, true, true, true, false);
        assertThat(results.get(1).step()).isEqualTo(7);
        assertThat(results.get(3).step()).isNull();
        assertThat(results.get(4).expect()).isEqualTo("db count=1");
        assertThat(results.get(4).message()).isEqualTo("expected exactly 1 matching db event, found 2 (steps 7, 20)");
    }

    @Test
    void anOutcomeItemComparesTheStatus() {
        Outcome limit = new Outcome(Outcome.Status.STEP_LIMIT, 10_000, "the run reached max_steps (10000)");
        ExpectationResult result = match("  - outcome: completed\n", RUN, limit).getFirst();
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("the run ended with step_limit at step 10000: "
                + "the run reached max_steps (10000)");
    }

    @Test
    void labelsAreResolvedAgainstTheSymbolsWithOffsets() {
        List<Event> events = List.of(db(3, 0x401034, "db_handler+4", 0xffff0ff0L));
        assertThat(match("  - db: {at: db_handler+4}\n", events, COMPLETED).getFirst().ok()).isTrue();
        assertThat(match("  - db: {at: 0x401034}\n", events, COMPLETED).getFirst().ok()).isTrue();
        assertThat(match("  - db: {at: db_handler}\n", events, COMPLETED).getFirst().ok()).isFalse();
    }

    @Test
    void anUnknownLabelFailsTheItemAndNamesTheLabel() {
        ExpectationResult result = match("  - db: {at: no_such_label}\n", RUN, COMPLETED).getFirst();
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("unknown label 'no_such_label'");
    }

    @Test
    void aDr6MismatchNamesTheNearestEventAndTheDifferingField() {
        List<Event> events = List.of(
                irq(2, 0xAA, 0x401000, null),
                db(7, 0x40100b, "fep_sti_start", 0xffff0ff0L));
        ExpectationResult result = match("  - db: {at: fep_sti_start, dr6: 0xffff4ff0}\n", events, COMPLETED).getFirst();
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("no db event matches; the nearest is db at step 7 "
                + "(at 0x40100b (fep_sti_start)), which has dr6 0xffff0ff0, expected 0xffff4ff0");
    }

    @Test
    void theNearestEventIsTheOneWithFewestDifferences() {
        List<Event> events = List.of(
                db(4, 0x401000, null, 0xffff0ff0L),
                db(7, 0x40100b, "fep_sti_start", 0xffff0ff0L));
        String message = match("  - db: {at: fep_sti_start, dr6: 0xffff4ff0}\n", events, COMPLETED).getFirst().message();
        assertThat(message).contains("db at step 7").doesNotContain("at 0x401000,");
    }

    @Test
    void aMissingKindSaysWhichEventsWereSeen() {
        ExpectationResult result = match("  - nmi: {}\n", RUN, COMPLETED).getFirst();
        assertThat(result.message()).startsWith("no nmi event in the run; events seen: db at step 7");
        assertThat(match("  - nmi: {}\n", List.of(), COMPLETED).getFirst().message())
                .isEqualTo("no nmi event in the run (the run had no events)");
    }

    @Test
    void fieldsLeftOutAreNotChecked() {
        Event exit = new Event(12, Event.Type.EXIT_TO_HOST, null, null, null, 0xffff4ff0L, null, null,
                null, null, null, "KVM_EXIT_DEBUG", 1, 0x40100bL);
        Event failed = new Event(13, Event.Type.VMENTRY_FAILED, null, null, null, null, null, null,
                "0x80000021", null, "STI blocking requires RFLAGS.IF", null, null, null);
        List<ExpectationResult> results = match("""
                  - exit_to_host: {exit: KVM_EXIT_DEBUG, pc: fep_sti_start}
                  - vmentry_failed: {check: sti blocking}
                """, List.of(exit, failed), COMPLETED);
        assertThat(results).extracting(ExpectationResult::ok).containsExactly(true, true);
    }
}
