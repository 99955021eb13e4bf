package dev.shadowstep.core.event;

import static dev.shadowstep.core.event.Interruption.Source.FAULT;
import static dev.shadowstep.core.event.Interruption.Source.IRQ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.apic.VectorSet;
import dev.shadowstep.core.cpu.Activity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The APIC timer and the xAPIC page in the run loop: the timer counts the TSC (guest instructions
 * retired), an expiry is a step of its own that sets the LVT vector in the IRR (SDM Vol. 3A
 * 11.5.4), and the boundary arbiter delivers it like any IRQ. An initial count N written by an
 * instruction at TSC R (what RDTSC there reads) reaches 0 at TSC R + N * divisor.
 */
class ApicTimerRunTest {

    /** x2APIC timer set-up: LVT timer = {@code lvt}, divide by 1 (0xb), initial count = {@code count}. */
    static String arm(String lvt, String count) {
        return """
                movl $0x832, %ecx
                movl $LVT, %eax
                xor %edx, %edx
                wrmsr
                movl $0x83e, %ecx
                movl $0xb, %eax
                wrmsr
                movl $0x838, %ecx
                movl $COUNT, %eax
                armed: wrmsr
                """.replace("LVT", lvt).replace("COUNT", count);
    }

    static final String HANDLER = """
            irq_handler:
            movl $0x80b, %ecx
            xor %eax, %eax
            xor %edx, %edx
            wrmsr
            inc %r8
            iretq
            done:
            hlt
            """;

    static Guest guest(String body) {
        return Guest.program(body + "\n" + HANDLER).idt(0x40, "irq_handler").idt(13, "done").idt(14, "done")
                .interruptsEnabled();
    }

    @Nested
    class OneShot {
        @Test
        void aCountOfThreeExpiresWhenThreeInstructionsRetiredFromTheWrite() {
            // the WRMSR at TSC R arms R + 3; the TSC is R + 3 at the boundary after the WRMSR, n1 and n2: before n3
            Guest.Run run = guest(arm("0x40", "3") + "n1: nop\nn2: nop\nn3: nop\nn4: nop\ncli\nhlt\n").run();
            assertThat(run.trail()).containsExactly("IRQ@n3");
            assertThat(run.expiries).hasSize(1);
            assertThat(run.steps.indexOf("timer APIC timer expires, IRQ 0x40") + 1)
                    .isEqualTo(run.steps.indexOf("deliver IRQ 0x40 at n3"));
            // instructions before the WRMSR: 9 (cli-free prologue of arm), so the expiry is at TSC 9 + 3
            assertThat(run.expiries.getFirst().tsc()).isEqualTo(9 + 3);
        }

        @Test
        void hltWakesOnTheTimerBecauseTimeJumpsToItsExpiry() {
            Guest.Run run = guest(arm("0x40", "1000000") + "hlt\nafter_hlt: cli\nhlt\n").run();
            assertThat(run.trail()).containsExactly("IRQ@after_hlt");
            TimerExpiry e = run.expiries.getFirst();
            assertThat(e.tsc()).isEqualTo(9 + 1_000_000);
            // halted after the WRMSR and the HLT retired: time jumped from TSC 11 to the expiry
            assertThat(e.from()).isEqualTo(11);
            assertThat(e.why()).contains("time jumps 999998 instructions", "HLT can wake on the timer");
        }

        @Test
        void aMaskedEntryExpiresButRequestsNoInterrupt() {
            // LVT mask bit 16 (SDM 11.5.1): the count still reaches 0, nothing reaches the IRR
            Guest.Run run = guest(arm("0x10040", "2") + "nop\nnop\nnop\ncli\nhlt\n").run();
            assertThat(run.deliveries).isEmpty();
            assertThat(run.expiries).hasSize(1);
            assertThat(run.expiries.getFirst().why()).contains("masked");
            assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        }

        @Test
        void aMaskedTimerDoesNotWakeHlt() {
            Guest.Run run = guest(arm("0x10040", "50") + "hlt\n").run();
            assertThat(run.expiries).isEmpty();
            assertThat(run.end.state().activity()).isEqualTo(Activity.HLT);
        }
    }

    @Test
    void aPeriodicTimerFiresOncePerPeriod() {
        // LVT mode 01 (bit 17): periodic, count 20; the loop stops the timer after the second IRQ
        String body = arm("0x20040", "20") + """
                loop: inc %rbx
                cmp $2, %r8
                jne loop
                movl $0x838, %ecx
                xor %eax, %eax
                wrmsr
                cli
                hlt
                """;
        Guest.Run run = guest(body).run();
        assertThat(run.of(IRQ)).hasSize(2);
        assertThat(run.expiries).extracting(TimerExpiry::tsc).containsExactly(9L + 20, 9L + 40);
    }

    @Nested
    class TscDeadline {
        /** LVT mode 10 (bit 18): TSC-deadline; then IA32_TSC_DEADLINE (0x6e0) = EDX:EAX. */
        static final String DEADLINE_MODE = """
                movl $0x832, %ecx
                movl $0x40040, %eax
                xor %edx, %edx
                wrmsr
                movl $0x6e0, %ecx
                """;

        @Test
        void aDeadlineInThePastFiresAtOnce() {
            Guest.Run run = guest(DEADLINE_MODE + "movl $1, %eax\nwrmsr\nafter: nop\ncli\nhlt\n").run();
            assertThat(run.trail()).containsExactly("IRQ@after");
        }

        @Test
        void aDeadlineFiresWhenTheTscReachesIt() {
            // rdtsc reads the TSC before it: the deadline is 3 instructions after that
            Guest.Run run = guest(DEADLINE_MODE + """
                    rdtsc
                    add $3, %eax
                    wrmsr
                    t1: nop
                    t2: nop
                    cli
                    hlt
                    """).run();
            assertThat(run.trail()).containsExactly("IRQ@t1");
        }

        @Test
        void aWriteOfZeroDisarms() {
            Guest.Run run = guest(DEADLINE_MODE + """
                    movl $100, %eax
                    wrmsr
                    xor %eax, %eax
                    wrmsr
                    sti
                    hlt
                    """).run();
            assertThat(run.expiries).isEmpty();
            assertThat(run.deliveries).isEmpty();
            assertThat(run.end.state().activity()).isEqualTo(Activity.HLT);
        }

        @Test
        void rdmsrReadsZeroAfterTheTimerFired() {
            Guest.Run run = guest(DEADLINE_MODE + "movl $1, %eax\nwrmsr\nnop\nrdmsr\ncli\nhlt\n").run();
            assertThat(run.end.state().reg(dev.shadowstep.core.cpu.Regs.RAX)).isZero();
        }
    }

    @Nested
    class XapicPage {
        @Test
        void anEoiStoreRetiresTheInServiceVector() {
            Guest.Run run = Guest.program("movl $0xfee00000, %edx\nmovl $0, 0xb0(%rdx)\ncli\nhlt\n").xapic()
                    .state(b -> b.apic(new Apic(VectorSet.EMPTY, VectorSet.of(0x50), 0).withX2apic(false))).run();
            assertThat(run.end.state().apic().isr().isEmpty()).isTrue();
            assertThat(run.deliveries).isEmpty();
        }

        @Test
        void aSelfIpiThroughTheIcrIsTakenAtTheNextBoundary() {
            // ICR low = shorthand self (bits 19:18 = 01), fixed, vector 0x40 (SDM 11.6.1)
            Guest.Run run = Guest.program("""
                    movl $0xfee00000, %edx
                    movl $0x40040, 0x300(%rdx)
                    after: nop
                    cli
                    hlt
                    xapic_handler:
                    movl $0, 0xb0(%rdx)
                    iretq
                    """).idt(0x40, "xapic_handler").interruptsEnabled().xapic().run();
            assertThat(run.trail()).containsExactly("IRQ@after");
            assertThat(run.end.state().apic().isr().isEmpty()).isTrue();
        }

        @Test
        void theCurrentCountReadsTheCountsLeft() {
            // divide by 1, initial count 100 written at TSC 3; the load at TSC 4 reads 100 - 1
            Guest.Run run = guest("""
                    movl $0xfee00000, %edx
                    movl $0xb, 0x3e0(%rdx)
                    movl $0x10040, 0x320(%rdx)
                    movl $100, 0x380(%rdx)
                    movl 0x390(%rdx), %ebx
                    cli
                    hlt
                    """).xapic().run();
            assertThat(run.end.state().reg(dev.shadowstep.core.cpu.Regs.RBX)).isEqualTo(99);
        }

        @Test
        void inX2apicModeThePageIsNotDecodedSoTheStorePageFaults() {
            // SDM 11.12.1.2: x2APIC mode disables the MMIO interface; this machine has no memory there
            Guest.Run run = guest("movl $0xfee00000, %edx\nmovl $0, 0xb0(%rdx)\ncli\nhlt\n").run();
            assertThat(run.of(FAULT)).extracting(Guest.Delivered::vector).containsExactly(14);
        }

        @Test
        void aByteAccessIsGp() {
            Guest.Run run = guest("movl $0xfee00000, %edx\nmovb $0, 0xb0(%rdx)\ncli\nhlt\n").xapic().run();
            assertThat(run.of(FAULT)).extracting(Guest.Delivered::vector).containsExactly(13);
        }

        @Test
        void x2apicMsrsAreGpInXapicMode() {
            Guest.Run run = guest("movl $0x80b, %ecx\nxor %eax, %eax\nxor %edx, %edx\nwrmsr\ncli\nhlt\n").xapic().run();
            assertThat(run.of(FAULT)).extracting(Guest.Delivered::vector).containsExactly(13);
        }
    }
}
