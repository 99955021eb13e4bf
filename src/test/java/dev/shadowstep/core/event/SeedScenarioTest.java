package dev.shadowstep.core.event;

import dev.shadowstep.testing.Seed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** semantics.md 2.1, cases 7 and 8 on bare metal: single-step #DB in an STI shadow with an IRQ pending. */
class SeedScenarioTest {

    static final String PROGRAM = Seed.PROGRAM;

    @Test
    void singleStepDbComesBeforeTheIrqAndTheIrqArrivesAfterIret() {
        Guest.Run run = Guest.program(PROGRAM).idt(1, "db_handler").idt(0xaa, "irq_handler").irr(0xaa).run();

        assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        assertThat(run.deliveries).extracting(Guest.Delivered::source, d -> run.program.symbolAt(d.at()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Interruption.Source.DEBUG_TRAP, "fep_sti_start"),
                        org.assertj.core.groups.Tuple.tuple(Interruption.Source.IRQ, "fep_sti_start"),
                        org.assertj.core.groups.Tuple.tuple(Interruption.Source.DEBUG_TRAP, "fep_sti_end"));
        assertThat(run.deliveries.get(0).dr6()).isEqualTo(0xffff4ff0L);
        assertThat(run.deliveries.get(0).held()).anyMatch(h -> h.startsWith("IRQ 0xaa held: STI shadow"));
        assertThat(run.end.state().apic().isr().isEmpty()).isTrue();
    }
}
