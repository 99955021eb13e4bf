package dev.shadowstep.core.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.apic.Apic;
import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.MachineSetup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CR exits under KVM (exit reason 28, SDM Vol. 3C 25.1.3 and Table 27-3) and handle_cr. The guest/host
 * masks are KVM's: KVM_POSSIBLE_CR0_GUEST_BITS (TS, WP with EPT) and KVM_POSSIBLE_CR4_GUEST_BITS
 * (kvm_cache_regs.h); without a TPR shadow CR8 always exits; CR3 does not with EPT.
 */
class KvmControlRegisterTest {
    private static final String TAIL = "done: hlt\ngp_handler: hlt\n";

    private static KvmGuest.Run run(String program, long rax) {
        return KvmGuest.program(program + "\n" + TAIL).idt(13, "gp_handler").state(b -> b.reg(Regs.RAX, rax)).run();
    }

    private static List<Long> crExitQualifications(KvmGuest.Run run) {
        return run.events.stream().filter(e -> e instanceof HostEvent.VmExitEvent v && v.reason().equals("cr_access"))
                .map(e -> ((HostEvent.VmExitEvent) e).qualification()).toList();
    }

    private static boolean gpDelivered(KvmGuest.Run run) {
        return run.deliveries.stream().anyMatch(d -> d.vector() == CpuFault.GP);
    }

    @Test
    void togglingCr4DeDoesNotExitBecauseDeIsGuestOwned() {
        KvmGuest.Run run = run("mov %rax, %cr4", ControlRegisters.RESET_CR4 | ControlRegisters.CR4_DE);
        assertThat(crExitQualifications(run)).isEmpty();
        assertThat(run.end.state().cr4De()).isTrue();
    }

    @Test
    void settingCr4VmxeExitsAndKvmInjectsGpWithoutNestedVmx() {
        KvmGuest.Run run = run("mov %rax, %cr4", ControlRegisters.RESET_CR4 | ControlRegisters.CR4_VMXE);
        // CR4, access type 0 (MOV to CR), RAX (0): qualification 0x4
        assertThat(crExitQualifications(run)).containsExactly(0x4L);
        assertThat(run.step("handle_cr").why()).contains("kvm_set_cr4").contains("VMXE");
        assertThat(gpDelivered(run)).isTrue();
        assertThat(run.deliveries).first().satisfies(d -> assertThat(d.injected()).isTrue());
        assertThat(run.end.state().cr4Vmxe()).isFalse();
    }

    @Test
    void aReservedCr4BitExitsAndIsGp() {
        KvmGuest.Run run = run("mov %rax, %cr4", ControlRegisters.RESET_CR4 | 1L << 15);
        assertThat(crExitQualifications(run)).containsExactly(0x4L);
        assertThat(gpDelivered(run)).isTrue();
    }

    @Test
    void togglingCr0TsOrWpDoesNotExit() {
        KvmGuest.Run run = run("mov %rax, %cr0", (ControlRegisters.RESET_CR0 | ControlRegisters.CR0_TS) & ~ControlRegisters.CR0_WP);
        assertThat(crExitQualifications(run)).isEmpty();
        assertThat(run.end.state().cr0() & ControlRegisters.CR0_TS).isNotZero();
    }

    @Test
    void settingCr0CdExitsAndKvmSetCr0AcceptsIt() {
        KvmGuest.Run run = KvmGuest.program("mov %rbx, %cr0\n" + TAIL).idt(13, "gp_handler")
                .state(b -> b.reg(Regs.RBX, ControlRegisters.RESET_CR0 | ControlRegisters.CR0_CD)).run();
        // CR0, MOV to CR, RBX (3): qualification 0x300
        assertThat(crExitQualifications(run)).containsExactly(0x300L);
        assertThat(run.end.state().cr0()).isEqualTo(ControlRegisters.RESET_CR0 | ControlRegisters.CR0_CD);
        assertThat(run.step("handle_cr").why()).contains("kvm_skip_emulated_instruction");
        assertThat(gpDelivered(run)).isFalse();
    }

    @Test
    void clearingCr0PgExitsAndKvmSetCr0RefusesItIn64BitMode() {
        KvmGuest.Run run = run("mov %rax, %cr0", ControlRegisters.RESET_CR0 & ~ControlRegisters.CR0_PG);
        assertThat(crExitQualifications(run)).containsExactly(0x0L);
        assertThat(run.step("handle_cr").why()).contains("kvm_set_cr0 returns 1");
        assertThat(gpDelivered(run)).isTrue();
    }

    @Test
    void cr3DoesNotExitWithEpt() {
        KvmGuest.Run run = run("mov %rax, %cr3\nmov %cr3, %rbx", 0x2000);
        assertThat(crExitQualifications(run)).isEmpty();
        assertThat(run.end.state().reg(Regs.RBX)).isEqualTo(0x2000);
    }

    @Test
    void cr8WritesExitAndKvmCutsTheValueToAByte() {
        // handle_cr: u8 cr8 = (u8)val; kvm_set_cr8 checks only bits 7:4 of that byte. Bare metal: #GP for bit 8.
        KvmGuest.Run run = run("mov %rax, %cr8", 0x103);
        assertThat(crExitQualifications(run)).containsExactly(0x8L);
        assertThat(gpDelivered(run)).isFalse();
        assertThat(run.end.state().apic().tpr()).isEqualTo(0x30);
        assertThat(run.step("handle_cr").why()).contains("u8");
    }

    @Test
    void cr8BitsSevenToFourAreGpUnderKvmToo() {
        KvmGuest.Run run = run("mov %rax, %cr8", 0x13);
        assertThat(crExitQualifications(run)).containsExactly(0x8L);
        assertThat(gpDelivered(run)).isTrue();
    }

    @Test
    void cr8ReadsExitAndReturnTprBits7To4() {
        KvmGuest.Run run = KvmGuest.program("mov %cr8, %rbx\n" + TAIL).idt(13, "gp_handler")
                .state(b -> b.apic(Apic.RESET.withTpr(0x7e))).run();
        // CR8, access type 1 (MOV from CR) in bits 5:4, RBX (3) in 11:8: 0x318
        assertThat(crExitQualifications(run)).containsExactly(0x318L);
        assertThat(run.end.state().reg(Regs.RBX)).isEqualTo(0x7);
        assertThat(run.vmcsAfter("VM exit: cr_access").exitReason()).isEqualTo(28);
        assertThat(run.vmcsAfter("VM exit: cr_access").exitQualification()).isEqualTo(0x318);
    }

    @Test
    void readsOfCr0AndCr4DoNotExit() {
        KvmGuest.Run run = run("mov %cr0, %rbx\nmov %cr4, %rcx", 0);
        assertThat(crExitQualifications(run)).isEmpty();
        assertThat(run.end.state().reg(Regs.RCX)).isEqualTo(ControlRegisters.RESET_CR4);
    }

    @Test
    void cpl3IsGpBeforeAnyExit() {
        KvmGuest.Run run = KvmGuest.program("mov %rax, %cr8\n" + TAIL).idt(13, "gp_handler")
                .state(b -> b.cpl(3).ss(0x23).reg(Regs.RSP, MachineSetup.USER_RSP)).run();
        assertThat(crExitQualifications(run)).isEmpty();
        // #GP is not in KVM's exception bitmap: the CPU delivers it natively.
        assertThat(run.deliveries).first().satisfies(d -> {
            assertThat(d.vector()).isEqualTo(CpuFault.GP);
            assertThat(d.injected()).isFalse();
        });
    }
}
