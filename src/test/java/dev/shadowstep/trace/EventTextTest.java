package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Each event type in words, as the text trace marks it. */
class EventTextTest {

    record Case(String name, Event event, String words) {}

    static Event event(Event.Type type, Integer vector, Long at, String label, Long dr6, List<String> cause,
                       String via, String reason, Long qualification, String check, String exit,
                       Integer exception, Long pc) {
        return new Event(1, type, vector, at, label, dr6, cause, via, reason, qualification, check, exit, exception, pc);
    }

    static final List<Case> CASES = List.of(
            new Case("a single-step #DB names its place, DR6 and cause",
                    event(Event.Type.DB, 1, 0x40100bL, "fep_sti_start", 0xffff4ff0L, List.of("BS"), "native",
                            null, null, null, null, null, null),
                    "#DB at fep_sti_start (0x40100b) dr6=0xffff4ff0 [BS] via native"),
            new Case("a #BP without a label shows the bare RIP",
                    event(Event.Type.BP, 3, 0x401001L, null, null, null, "injected", null, null, null, null, null, null),
                    "#BP at 0x401001 via injected"),
            new Case("an exception is named by its SDM mnemonic",
                    event(Event.Type.EXCEPTION, 13, 0x401005L, "start+5", null, null, "native", null, null, null,
                            null, null, null),
                    "#GP at start+5 (0x401005) via native"),
            new Case("an exception with a reserved vector shows the vector",
                    event(Event.Type.EXCEPTION, 0x1f, null, null, null, null, null, null, null, null, null, null, null),
                    "exception 0x1f"),
            new Case("an IRQ shows its vector in hex",
                    event(Event.Type.IRQ, 0xaa, 0x40100bL, "fep_sti_start", null, null, "native", null, null, null,
                            null, null, null),
                    "IRQ 0xaa at fep_sti_start (0x40100b) via native"),
            new Case("an NMI",
                    event(Event.Type.NMI, 2, 0x401000L, null, null, null, "injected", null, null, null, null, null, null),
                    "NMI at 0x401000 via injected"),
            new Case("a VM exit carries its reason and qualification",
                    event(Event.Type.VMEXIT, null, 0x401002L, null, null, null, null, "cpuid", 0x0L, null, null,
                            null, null),
                    "VM exit (cpuid) at 0x401002 qualification=0x0"),
            new Case("a failed VM entry says which check failed",
                    event(Event.Type.VMENTRY_FAILED, null, null, null, null, null, null, "0x80000021", null,
                            "TF=1 with STI blocking requires PENDING_DBG.BS", null, null, null),
                    "VM entry failed reason=0x80000021: TF=1 with STI blocking requires PENDING_DBG.BS"),
            new Case("an exit to the host reports run->debug.arch",
                    event(Event.Type.EXIT_TO_HOST, null, 0x401000L, "sw_bp", 0xffff0ff0L, null, null, null, null,
                            null, "KVM_EXIT_DEBUG", 3, 0x401000L),
                    "KVM_EXIT_DEBUG at sw_bp (0x401000) dr6=0xffff0ff0 exception=3 pc=0x401000"));

    @TestFactory
    Stream<DynamicTest> eachEventTypeReadsAsWords() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertThat(EventText.describe(c.event())).isEqualTo(c.words())));
    }
}
