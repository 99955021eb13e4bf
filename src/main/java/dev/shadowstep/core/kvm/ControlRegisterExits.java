package dev.shadowstep.core.kvm;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.cpu.ControlRegisterAccess;
import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.ExitReason;
import dev.shadowstep.core.vmx.Vmcs;

/**
 * Control-register exits under KVM (exit reason 28, SDM Vol. 3C 25.1.3) and KVM's handle_cr.
 *
 * <p>Which MOV CR exits: MOV to CR0 or CR4 exits when the value differs from the read shadow in a bit
 * of the guest/host mask (the bits KVM owns); KVM's read shadow is the guest's own view of the register,
 * so the guest always reads back what it wrote. KVM owns every CR0 bit but TS and WP
 * (KVM_POSSIBLE_CR0_GUEST_BITS, with EPT: vmx_l1_guest_owned_cr0_bits) and every CR4 bit but PVI, DE,
 * PCE, OSFXSR, OSXMMEXCPT, PGE, TSD and FSGSBASE (KVM_POSSIBLE_CR4_GUEST_BITS in kvm_cache_regs.h,
 * set_cr4_guest_host_mask). So toggling CR4.DE does not exit, while setting CR4.VMXE or a reserved bit
 * does. With EPT and unrestricted guest, MOV to or from CR3 does not exit; reads of CR0 and CR4 never
 * exit. The model has no TPR shadow, so KVM sets CR8-load and CR8-store exiting (vmx.c
 * exec_control without cpu_need_tpr_shadow): every MOV to or from CR8 exits.
 */
final class ControlRegisterExits {
    private ControlRegisterExits() {}

    /** KVM_POSSIBLE_CR0_GUEST_BITS (X86_CR0_TS | X86_CR0_WP); WP is the guest's only with EPT (vmx_l1_guest_owned_cr0_bits). */
    static final long CR0_GUEST_OWNED = ControlRegisters.CR0_TS | ControlRegisters.CR0_WP;
    /** KVM_POSSIBLE_CR4_GUEST_BITS; all of them exist on the modelled CPU, so none is dropped as reserved. */
    static final long CR4_GUEST_OWNED = ControlRegisters.CR4_PVI | ControlRegisters.CR4_DE | ControlRegisters.CR4_PCE
            | ControlRegisters.CR4_OSFXSR | ControlRegisters.CR4_OSXMMEXCPT | ControlRegisters.CR4_PGE
            | ControlRegisters.CR4_TSD | ControlRegisters.CR4_FSGSBASE;
    /** CR0_GUEST_HOST_MASK = ~cr0_guest_owned_bits (vmx.c init_vmcs). */
    static final long CR0_GUEST_HOST_MASK = ~CR0_GUEST_OWNED;
    /** CR4_GUEST_HOST_MASK = ~cr4_guest_owned_bits (set_cr4_guest_host_mask). */
    static final long CR4_GUEST_HOST_MASK = ~CR4_GUEST_OWNED;
    /** Without a TPR shadow KVM intercepts CR8 both ways. */
    static final long CR8_EXITING = Vmcs.CR8_LOAD_EXITING | Vmcs.CR8_STORE_EXITING;
    /**
     * The CR4 bits KVM refuses for this guest: the CPU's reserved bits (cr4_reserved_bits), and VMXE,
     * because without nested VMX the guest's CPUID has no VMX (__cr4_reserved_bits, cr4_guest_rsvd_bits).
     */
    static final long KVM_CR4_RESERVED = ~ControlRegisters.CR4_SUPPORTED | ControlRegisters.CR4_VMXE;

    /** Exit-qualification access types (SDM Vol. 3C Table 27-3, bits 5:4). */
    static final int MOV_TO_CR = 0, MOV_FROM_CR = 1;

    /** Returns the exit qualification of a MOV CR (SDM Vol. 3C Table 27-3): CR in 3:0, access type in 5:4, GPR in 11:8. */
    static long qualification(int cr, int accessType, int gpr) {
        return cr | (long) accessType << 4 | (long) gpr << 8;
    }

    /** Returns the CR-access exit this MOV CR causes under KVM, or null when the CPU executes it (SDM Vol. 3C 25.1.3). */
    static ExecResult exitFor(Vcpu v, CpuState s, Instruction i) {
        int n = ControlRegisterAccess.crNumber(i);
        int gpr = ControlRegisterAccess.gprNumber(i);
        boolean to = i.op() == Op.MOV_TO_CR;
        boolean exits = switch (n) {
            case 0 -> to && ((s.reg(gpr) ^ s.cr0()) & CR0_GUEST_HOST_MASK) != 0;
            case 4 -> to && ((s.reg(gpr) ^ s.cr4()) & CR4_GUEST_HOST_MASK) != 0;
            case 8 -> v.vmcs.control(to ? Vmcs.CR8_LOAD_EXITING : Vmcs.CR8_STORE_EXITING);
            default -> false;  // CR2 never exits; CR3 does not with EPT (CR3-load/store exiting off)
        };
        if (!exits) return null;
        return new ExecResult.Exited(VmExit.instruction(ExitReason.CR_ACCESS.code(),
                qualification(n, to ? MOV_TO_CR : MOV_FROM_CR, gpr), i.length()));
    }

    /** Returns why the CPU exited, for the VM-exit step. */
    static String exitCause(CpuState g, VmExit exit) {
        int n = (int) (exit.qualification() & 0xF);
        boolean to = ((exit.qualification() >>> 4) & 3) == MOV_TO_CR;
        int gpr = (int) ((exit.qualification() >>> 8) & 0xF);
        String q = String.format(" Exit qualification 0x%x: CR%d in bits 3:0, access type %d (MOV %s CR) in bits 5:4, "
                + "register %d in bits 11:8 (SDM Vol. 3C Table 27-3).", exit.qualification(), n, to ? 0 : 1, to ? "to" : "from", gpr);
        if (n == 8) {
            return "KVM runs without a TPR shadow, so CR8-" + (to ? "load" : "store") + " exiting is on: MOV " + (to ? "to" : "from")
                    + " CR8 exits (SDM Vol. 3C 25.1.3)." + q;
        }
        long value = g.reg(gpr);
        long shadow = n == 0 ? g.cr0() : g.cr4();
        long mask = n == 0 ? CR0_GUEST_HOST_MASK : CR4_GUEST_HOST_MASK;
        return String.format("MOV to CR%d of 0x%x differs from the CR%d read shadow 0x%x in bits 0x%x, which KVM owns "
                + "(guest/host mask ~0x%x: the guest owns only %s), so the CPU exits instead of writing CR%d (SDM Vol. 3C "
                + "25.1.3).", n, value, n, shadow, (value ^ shadow) & mask, ~mask, n == 0 ? "TS and WP" : "PVI DE PCE "
                + "OSFXSR OSXMMEXCPT PGE TSD FSGSBASE", n) + q;
    }

    /**
     * handle_cr (vmx.c): MOV to CR0 goes to handle_set_cr0 / kvm_set_cr0, to CR4 to handle_set_cr4 /
     * kvm_set_cr4, to CR8 to kvm_set_cr8 with the value cut to a byte ({@code u8 cr8 = (u8)val}), MOV from
     * CR8 to kvm_get_cr8; kvm_complete_insn_gp injects #GP(0) when the setter fails, else skips the instruction.
     */
    static Handled handleCr(VmmContext host, Vcpu v, VmExit exit) {
        CpuState s = host.state();
        int n = (int) (exit.qualification() & 0xF);
        int type = (int) ((exit.qualification() >>> 4) & 3);
        int gpr = (int) ((exit.qualification() >>> 8) & 0xF);
        long next = s.rip() + exit.instructionLength();
        if (type == MOV_FROM_CR) {
            long value = ControlRegisters.cr8FromTpr(s.apic().tpr());
            return InstructionExits.complete(host, v, s, new ExecResult.Retired(s.withReg(gpr, value).withRip(next)),
                    "handle_cr", String.format("handle_cr: MOV from CR8 reads kvm_get_cr8 = TPR[7:4] of KVM's APIC = 0x%x "
                            + "(kvm_lapic_get_cr8).", value));
        }
        long value = s.reg(gpr);
        String fails = switch (n) {
            case 0 -> kvmSetCr0(value);
            case 4 -> kvmSetCr4(s, value);
            default -> kvmSetCr8(value);
        };
        String call = n == 0 ? "handle_set_cr0 -> kvm_set_cr0" : n == 4 ? "handle_set_cr4 -> kvm_set_cr4" : "kvm_set_cr8";
        if (fails != null) {
            return InstructionExits.complete(host, v, s, new ExecResult.Fault(CpuFault.gp(fails)), "handle_cr",
                    String.format("handle_cr: MOV to CR%d of 0x%x: %s refuses it (kvm_complete_insn_gp).", n, value, call));
        }
        CpuState after = switch (n) {
            case 0 -> s.withCr(s.cr().withCr0((value & ControlRegisters.CR0_DEFINED) | ControlRegisters.CR0_ET));
            case 4 -> s.withCr(s.cr().withCr4(value));
            default -> s.withApic(s.apic().withTpr(ControlRegisters.tprFromCr8(value & 0xFF)));
        };
        String what = switch (n) {
            case 0 -> String.format("handle_cr: MOV to CR0: kvm_set_cr0 accepts 0x%x (ET forced to 1, reserved bits of 31:0 "
                    + "dropped: CR0 = 0x%x) and vmx_set_cr0 writes GUEST_CR0 and the read shadow.", value, after.cr0());
            case 4 -> String.format("handle_cr: MOV to CR4: kvm_set_cr4 accepts 0x%x and vmx_set_cr4 writes GUEST_CR4 and "
                    + "the read shadow.", value);
            default -> String.format("handle_cr: MOV to CR8 of 0x%x: kvm_set_cr8((u8)val) sets the TPR of KVM's APIC to 0x%x "
                    + "(kvm_lapic_set_tpr)%s.", value, after.apic().tpr(),
                    (value >>> 8) != 0 ? "; bits 63:8 were cut off by the u8 cast, where bare metal would raise #GP(0)" : "");
        };
        return InstructionExits.complete(host, v, s, new ExecResult.Retired(after.withRip(next)), "handle_cr", what);
    }

    /** kvm_set_cr0 (x86.c): kvm_is_valid_cr0 (bits 63:32, NW without CD, PG without PE), then !PG in 64-bit mode. */
    static String kvmSetCr0(long cr0) {
        String problem = ControlRegisters.cr0Problem(cr0);
        return problem == null ? null : "kvm_set_cr0 returns 1: " + problem + ".";
    }

    /**
     * kvm_set_cr4 (x86.c): kvm_is_valid_cr4 (KVM's reserved bits and the guest's: VMXE without nested VMX),
     * then PAE in long mode, then PCIDE 0 to 1 with CR3[11:0] != 0.
     */
    static String kvmSetCr4(CpuState s, long cr4) {
        long reserved = cr4 & KVM_CR4_RESERVED;
        String problem = reserved != 0 ? String.format("__kvm_is_valid_cr4 finds reserved bits 0x%x%s", reserved,
                (reserved & ControlRegisters.CR4_VMXE) != 0 ? " (VMXE: the guest's CPUID has no VMX, nested=0)" : "")
                : (cr4 & ControlRegisters.CR4_PAE) == 0 ? "CR4.PAE cleared in long mode"
                : (cr4 & ControlRegisters.CR4_PCIDE) != 0 && !s.cr().cr4Pcide() && (s.cr3() & 0xFFF) != 0
                ? "PCIDE set while CR3[11:0] != 0" : null;
        return problem == null ? null : String.format("kvm_set_cr4 returns 1: %s.", problem);
    }

    /** kvm_set_cr8 (x86.c) on the byte handle_cr passes: bits 7:4 set (CR8_RESERVED_BITS) fail. */
    static String kvmSetCr8(long value) {
        long cr8 = value & 0xFF;
        return (cr8 & ~0xFL) != 0 ? String.format("kvm_set_cr8 returns 1: (u8)0x%x = 0x%x sets CR8_RESERVED_BITS.",
                value, cr8) : null;
    }
}
