package dev.shadowstep.core.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.event.HostAction;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Interruption;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.vmx.Vmcs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** KVM's exits, emulator, injection and guest debugging (semantics.md 5), one rule per test. */
class KvmBehaviourTest {

    static final String DB_HANDLER = """
            db_handler:
            andq $~X86_EFLAGS_TF, 16(%rsp)
            iretq
            """;

    @Nested
    class ForcedEmulation {
        @Test
        void emStiRecordsAShadowEvenWhenIfWasAlreadyOne() {
            KvmGuest.Run run = KvmGuest.program("KVM_FEP sti\nafter: cli\nhlt\n").state(b -> b.rflags(0x202)).run();

            assertThat(run.vmcsAfter("KVM emulates sti").interruptibility()).isEqualTo(Vmcs.INTR_STI);
            assertThat(run.step("KVM emulates sti").why()).contains("even when IF was already 1");
        }

        @Test
        void toggleInterruptibilityDropsTheShadowOfStiAfterSti() {
            KvmGuest.Run run = KvmGuest.program("sti\nKVM_FEP sti\nafter: cli\nhlt\n").run();

            assertThat(run.vmcsAfter("KVM emulates sti").interruptibility()).isZero();
            assertThat(run.step("KVM emulates sti").why()).contains("\"sti; sti\"");
        }

        @Test
        void aSingleStepOfAnEmulatedNopIsInjectedAfterIt() {
            KvmGuest.Run run = KvmGuest.program("""
                    pushf
                    orq $X86_EFLAGS_TF, (%rsp)
                    popf
                    KVM_FEP nop
                    after: cli
                    hlt
                    """ + DB_HANDLER).idt(1, "db_handler").run();

            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.at()).isEqualTo("after");
                assertThat(d.dr6()).isEqualTo(0xffff4ff0L);
                assertThat(d.injected()).isTrue();
            });
            assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        }

        @Test
        void aPlainUd2IsReinjectedAsUdWithRfSet() {
            KvmGuest.Run run = KvmGuest.program("start: ud2\nhlt\nud_handler: hlt\n").idt(6, "ud_handler").run();

            assertThat(run.step("handle_ud").why()).contains("queues #UD");
            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.vector()).isEqualTo(6);
                assertThat(d.at()).isEqualTo("start");
                assertThat(d.injected()).isTrue();
            });
            assertThat(run.step("kvm_check_and_inject_events").why()).contains("sets RF");
            assertThat(run.pushedRflags(run.deliveries.get(0)) & Rflags.RF).isNotZero();
        }

        @Test
        void anInstructionKvmCannotEmulateEndsTheRun() {
            KvmGuest.Run run = KvmGuest.program("KVM_FEP iretq\nhlt\n").run();

            assertThat(run.end.status()).isEqualTo(RunEnd.Status.UNHANDLED);
            assertThat(run.end.message()).contains("KVM_EXIT_INTERNAL_ERROR");
        }

        @Test
        void movFromDr7ReadsTheGuestsOwnValueWhileTheHostOwnsTheDebugRegisters() {
            KvmGuest.Run run = KvmGuest.program("KVM_FEP mov %dr7, %rax\nhw: cli\nhlt\n")
                    .state(b -> b.dr7(0x402)).guestDebug(GuestDebug.USE_HW_BP).hostDr(0, "hw", 0x4aa).run();

            assertThat(run.end.state().reg(Regs.RAX)).isEqualTo(0x402);
            assertThat(run.end.state().dr7()).isEqualTo(0x4aa);
        }

        @Test
        void theEmulatorChecksTheCplOfMovDrBeforeTheDr4Dr5Check() {
            // x86_emulate_insn: the Priv flag (#GP at CPL > 0) comes before check_dr_read's #UD for DR4 with CR4.DE=1.
            KvmGuest.Run run = KvmGuest.program("the_mov: KVM_FEP mov %dr4, %rax\ncli\nhlt\nud_handler: hlt\ngp_handler: hlt\n")
                    .idt(6, "ud_handler").idt(13, "gp_handler")
                    .state(b -> b.cpl(3).ss(0x23).reg(Regs.RSP, dev.shadowstep.core.event.MachineSetup.USER_RSP)
                            .cr4De(true).rflags(0x3002)).run();

            assertThat(run.deliveries).first().satisfies(d -> {
                assertThat(d.vector()).isEqualTo(13);
                assertThat(d.injected()).isTrue();
            });
        }

        @Test
        void aGuestInstructionBreakpointOnTheEmulatedInstructionIsAFaultLikeDb() {
            KvmGuest.Run run = KvmGuest.program("KVM_FEP target: nop\nafter: cli\nhlt\n" + DB_HANDLER
                            .replace("andq $~X86_EFLAGS_TF, 16(%rsp)", "orq $X86_EFLAGS_RF, 16(%rsp)"))
                    .idt(1, "db_handler").run();
            // No breakpoint: the nop is emulated, no #DB.
            assertThat(run.deliveries).isEmpty();

            KvmGuest guest = KvmGuest.program("KVM_FEP target: nop\nafter: cli\nhlt\n" + DB_HANDLER
                    .replace("andq $~X86_EFLAGS_TF, 16(%rsp)", "orq $X86_EFLAGS_RF, 16(%rsp)")).idt(1, "db_handler");
            KvmGuest.Run hit = guest.state(b -> b.dr(0, guest.addr("target")).dr7(0x402)).run();
            assertThat(hit.step("kvm_vcpu_check_code_breakpoint").why()).contains("B0");
            assertThat(hit.deliveries).first().satisfies(d -> {
                assertThat(d.at()).isEqualTo("target");
                assertThat(d.dr6()).isEqualTo(0xffff0ff1L);
            });
        }
    }

    @Nested
    class Interception {
        @Test
        void gpIsNotInTheExceptionBitmapSoTheCpuDeliversItNatively() {
            KvmGuest.Run run = KvmGuest.program("start: mov %rax, %ds\nhlt\ngp_handler: hlt\n")
                    .state(b -> b.reg(Regs.RAX, 0x1234)).idt(13, "gp_handler").run();

            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.vector()).isEqualTo(13);
                assertThat(d.injected()).isFalse();
            });
            assertThat(run.exitReasons()).doesNotContain("exception");
        }

        @Test
        void icebpExitsOnTheInstructionAndKvmSkipsItAndInjectsAnEmptyDb() {
            KvmGuest.Run run = KvmGuest.program(".byte 0xf1\nafter: cli\nhlt\n" + DB_HANDLER).idt(1, "db_handler")
                    .state(b -> b.dr6(0xffff0ff3L)).run();

            assertThat(run.step("handle_exception_nmi").why()).contains("ICEBP");
            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.at()).isEqualTo("after");
                assertThat(d.dr6()).isEqualTo(0xffff0ff0L);
                assertThat(d.injected()).isTrue();
            });
        }

        @Test
        void int3WithoutUseSwBpIsDeliveredNatively() {
            KvmGuest.Run run = KvmGuest.program("int3\nafter: cli\nhlt\nbp_handler: iretq\n").idt(3, "bp_handler").run();

            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(Interruption.Source.INT3);
                assertThat(d.injected()).isFalse();
            });
        }

        @Test
        void cpuidWithTfIsSkippedAndItsSingleStepIsInjectedAfterIt() {
            KvmGuest.Run run = KvmGuest.program("""
                    pushf
                    orq $X86_EFLAGS_TF, (%rsp)
                    popf
                    cpuid
                    after: cli
                    hlt
                    """ + DB_HANDLER).idt(1, "db_handler").run();

            assertThat(run.exitReasons()).startsWith("cpuid");
            assertThat(run.step("kvm_emulate_cpuid").why()).contains("kvm_inject_emulated_db");
            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.at()).isEqualTo("after");
                assertThat(d.dr6()).isEqualTo(0xffff4ff0L);
            });
        }

        @Test
        void hltWithTfWakesAtOnceBecauseTheQueuedDbIsAnEvent() {
            KvmGuest.Run run = KvmGuest.program("""
                    pushf
                    orq $X86_EFLAGS_TF, (%rsp)
                    popf
                    hlt
                    after: cli
                    hlt
                    """ + DB_HANDLER).idt(1, "db_handler").run();

            assertThat(run.step("kvm_vcpu_block").why()).contains("queued #DB");
            assertThat(run.deliveries).first().satisfies(d -> assertThat(d.at()).isEqualTo("after"));
        }
    }

    @Nested
    class Interrupts {
        @Test
        void aHostIrqWhileTheGuestRunsKicksItOutAndIsInjected() {
            KvmGuest guest = KvmGuest.program("sti\nnop\nraise: nop\nnop\ncli\nhlt\nirq_handler: iretq\n");
            KvmGuest.Run run = guest.idt(0x30, "irq_handler")
                    .host(new HostAction.Trigger.AtAddress(guest.addr("raise")), new HostAction.Effect.RaiseIrq(0x30)).run();

            assertThat(run.exitReasons()).startsWith("external_interrupt");
            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.vector()).isEqualTo(0x30);
                assertThat(d.at()).isEqualTo("raise");
                assertThat(d.injected()).isTrue();
            });
        }

        static final String EOI_HANDLER = """
                irq_handler:
                movl $0x80b, %ecx
                xor %eax, %eax
                xor %edx, %edx
                wrmsr
                iretq
                """;

        @Test
        void anEventInjectedByAVmEntryIsDeliveredBeforeAHostActionCanKickTheGuestOut() {
            KvmGuest guest = KvmGuest.program("start: nop\nnop\ncli\nhlt\n" + EOI_HANDLER);
            KvmGuest.Run run = guest.idt(0x30, "irq_handler").idt(0x40, "irq_handler").irr(0x30)
                    .state(b -> b.rflags(0x202))
                    .host(new HostAction.Trigger.AtAddress(guest.addr("start")), new HostAction.Effect.RaiseIrq(0x40)).run();

            assertThat(run.deliveries).extracting(KvmGuest.Delivered::vector).containsExactly(0x30, 0x40);
            assertThat(run.deliveries).allSatisfy(d -> assertThat(d.at()).isEqualTo("start"));
        }

        @Test
        void aHostKickWaitsForTheSingleStepTrapOfThePreviousInstruction() {
            KvmGuest guest = KvmGuest.program("pushf\norq $X86_EFLAGS_TF, (%rsp)\npopf\nnop\nraise: cli\nhlt\n"
                    + DB_HANDLER + "irq_handler: iretq\n");
            KvmGuest.Run run = guest.idt(1, "db_handler").idt(0x30, "irq_handler").state(b -> b.rflags(0x202))
                    .host(new HostAction.Trigger.AtAddress(guest.addr("raise")), new HostAction.Effect.RaiseIrq(0x30)).run();

            assertThat(run.deliveries).first().satisfies(d -> {
                assertThat(d.vector()).isEqualTo(1);
                assertThat(d.at()).isEqualTo("raise");
                assertThat(d.dr6()).isEqualTo(0xffff4ff0L);
            });
            assertThat(run.deliveries).extracting(KvmGuest.Delivered::vector).containsExactly(1, 0x30);
        }

        @Test
        void anNmiHeldByStiBlockingWaitsForAnInterruptWindowNotAnNmiWindow() {
            KvmGuest guest = KvmGuest.program("mov %ss, %ax\nmov %ax, %ss\nfep: KVM_FEP sti\ncli\nthe_hlt: hlt\nafter_hlt: hlt\n"
                    + "nmi_handler: iretq\n");
            KvmGuest.Run run = guest.idt(2, "nmi_handler")
                    .host(new HostAction.Trigger.AtAddress(guest.addr("fep")), new HostAction.Effect.RaiseNmi()).run();

            assertThat(run.exitReasons()).doesNotContain("nmi_window");
            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(Interruption.Source.NMI);
                assertThat(d.at()).isEqualTo("after_hlt");
            });
        }

        @Test
        void anNmiIsInjectedAndBlocksFurtherNmis() {
            KvmGuest guest = KvmGuest.program("nop\nraise: nop\ncli\nhlt\nnmi_handler: hlt\n");
            KvmGuest.Run run = guest.idt(2, "nmi_handler")
                    .host(new HostAction.Trigger.AtAddress(guest.addr("raise")), new HostAction.Effect.RaiseNmi()).run();

            assertThat(run.deliveries).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(Interruption.Source.NMI);
                assertThat(d.injected()).isTrue();
                assertThat(d.after().nmiBlocked()).isTrue();
            });
        }

        @Test
        void aWhenHaltedIrqWakesTheVcpuBlockedInKvm() {
            KvmGuest.Run run = KvmGuest.program("sti\nhlt\nafter: cli\nhlt\nirq_handler: iretq\n").idt(0x30, "irq_handler")
                    .host(new HostAction.Trigger.WhenHalted(), new HostAction.Effect.RaiseIrq(0x30)).run();

            assertThat(run.step("kvm_vcpu_block").why()).contains("IRQ 0x30");
            assertThat(run.deliveries).singleElement().satisfies(d -> assertThat(d.at()).isEqualTo("after"));
            assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        }
    }

    @Nested
    class GuestDebugging {
        @Test
        void blockIrqKeepsAnIrqPendingWhileTheGuestHasIfSet() {
            KvmGuest.Run run = KvmGuest.program("sti\nnop\nnop\ncli\nhlt\nirq_handler: iretq\n").idt(0xaa, "irq_handler")
                    .irr(0xaa).guestDebug(GuestDebug.BLOCKIRQ).run();

            assertThat(run.deliveries).isEmpty();
            assertThat(run.step("kvm_check_and_inject_events").why()).contains("BLOCKIRQ");
            assertThat(run.end.state().apic().irr().toList()).containsExactly(0xaa);
        }

        @Test
        void hostSingleStepClearsTheStiShadowBeforeTheNextEntry() {
            KvmGuest.Run run = KvmGuest.program("sti\nnop\ncli\nhlt\n").guestDebug(GuestDebug.SINGLESTEP).run();

            assertThat(run.step("vmx_vcpu_run").why()).contains("clears the STI blocking");
            assertThat(run.vmcsAfter("vmx_vcpu_run").interruptibility()).isZero();
            assertThat(run.end.status()).isNotEqualTo(RunEnd.Status.VMENTRY_FAILED);
            assertThat(run.exitsToHost()).extracting(HostEvent.ExitToHost::dr6).allMatch(d -> d == 0xffff4ff0L);
        }

        @Test
        void hostSingleStepSetsTfBehindTheGuestsBack() {
            KvmGuest.Run run = KvmGuest.program("nop\ncli\nhlt\n").guestDebug(GuestDebug.SINGLESTEP).run();

            assertThat(run.afterHostSteps.get(0).flag(Rflags.TF)).isTrue();
            assertThat(run.hostSteps.get(0).title()).isEqualTo("KVM_SET_GUEST_DEBUG");
        }

        @Test
        void aTrapLikeReportLeavesRipAndAFaultLikeReportMovesIt() {
            KvmGuest.Run run = KvmGuest.program("hw: nop\nnext: cli\nhlt\n").guestDebug(GuestDebug.USE_HW_BP)
                    .hostDr(0, "hw", 0x402).run();

            assertThat(run.step("userspace resumes").why()).contains("fault-like");
            assertThat(run.exitsToHost()).singleElement().satisfies(x -> assertThat(x.dr6()).isEqualTo(0xffff0ff1L));
            assertThat(run.hostSteps.stream().filter(s -> s.title().equals("userspace resumes")).count()).isEqualTo(1);
            assertThat(run.afterHostSteps.get(run.hostSteps.indexOf(run.step("userspace resumes"))).rip())
                    .isEqualTo(KvmGuest.program("hw: nop\nnext: cli\nhlt\n").addr("next"));
        }
    }
}
