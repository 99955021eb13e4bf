package dev.shadowstep.core.vmx;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.ExecResult;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.Operands;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.cpu.VmExit;

/**
 * The VMX instructions as the program executes them on bare metal, each with the checks of its
 * pseudocode in SDM Vol. 3C 30.3 in that order: #UD outside VMX operation (VMXON: with CR4.VMXE=0), a VM
 * exit in VMX non-root operation, #GP(0) at CPL > 0, then VMfailInvalid / VMfailValid(error number)
 * (SDM 30.2, Table 30-1). A successful VMLAUNCH or VMRESUME does not retire: it returns the
 * {@link VmxOperation#ENTRY} marker and {@link VmxOperation} performs the VM entry.
 */
final class VmxInstructions {
    private VmxInstructions() {}

    /** The model's physical-address width (MAXPHYADDR): VMX pointers with a bit set above it are invalid. */
    static final int MAX_PHYS_ADDR = 39;

    static ExecResult execute(VmxOperation v, CpuState s, Instruction i) {
        Op op = i.op();
        if (op == Op.VMXON) return vmxon(v, s, i);
        if (!v.on) {
            throw CpuFault.ud(op + " outside VMX operation is #UD: no VMXON put the CPU in VMX operation (SDM Vol. 3C 30.3 "
                    + op + ").");
        }
        if (v.nonRoot) return exit(ExitReason.ofVmxInstruction(op), i);
        requireCpl0(s, op);
        return switch (op) {
            case VMXOFF -> {
                v.leave();
                yield succeed(s, i);
            }
            case VMCLEAR -> vmclear(v, s, i);
            case VMPTRLD -> vmptrld(v, s, i);
            case VMPTRST -> {
                v.memory.write(address(s, i), 8, v.current);
                yield succeed(s, i);
            }
            case VMREAD -> vmread(v, s, i);
            case VMWRITE -> vmwrite(v, s, i);
            case VMLAUNCH, VMRESUME -> vmentry(v, s, i);
            default -> throw new IllegalStateException(op + " is not a VMX instruction");
        };
    }

    /** VMCALL: a VM exit in non-root operation, VMfail(1) in root operation, #UD outside VMX operation (SDM 30.3 VMCALL). */
    static ExecResult vmcall(VmxOperation v, CpuState s, Instruction i) {
        if (v.nonRoot) return exit(ExitReason.VMCALL, i);
        if (!v.on) throw CpuFault.ud("VMCALL outside VMX operation is #UD (SDM Vol. 3C 30.3 VMCALL).");
        requireCpl0(s, Op.VMCALL);
        return fail(v, s, i, VmInstructionError.VMCALL_IN_VMX_ROOT);
    }

    private static ExecResult vmxon(VmxOperation v, CpuState s, Instruction i) {
        if (!VmxOperation.cr4Vmxe(s)) {
            throw CpuFault.ud("VMXON with CR4.VMXE=0 is #UD (SDM Vol. 3C 30.3 VMXON).");
        }
        if (v.nonRoot) return exit(ExitReason.VMXON, i);
        if (v.on) {
            requireCpl0(s, Op.VMXON);
            return fail(v, s, i, VmInstructionError.VMXON_IN_VMX_ROOT);
        }
        requireCpl0(s, Op.VMXON);
        long addr = v.memory.read(address(s, i), 8);
        // Outside VMX operation there is no current VMCS: every failure is VMfailInvalid.
        if (!validPointer(addr) || !revisionMatches(v, addr)) return failInvalid(s, i);
        v.enter(addr);
        return succeed(s, i);
    }

    private static ExecResult vmclear(VmxOperation v, CpuState s, Instruction i) {
        long addr = v.memory.read(address(s, i), 8);
        if (!validPointer(addr)) return fail(v, s, i, VmInstructionError.VMCLEAR_INVALID_ADDRESS);
        if (addr == v.vmxonPointer) return fail(v, s, i, VmInstructionError.VMCLEAR_VMXON_POINTER);
        v.region(addr).launched = false;
        if (addr == v.current) v.current = VmxOperation.NO_VMCS;
        return succeed(s, i);
    }

    private static ExecResult vmptrld(VmxOperation v, CpuState s, Instruction i) {
        long addr = v.memory.read(address(s, i), 8);
        if (!validPointer(addr)) return fail(v, s, i, VmInstructionError.VMPTRLD_INVALID_ADDRESS);
        if (addr == v.vmxonPointer) return fail(v, s, i, VmInstructionError.VMPTRLD_VMXON_POINTER);
        if (!revisionMatches(v, addr)) return fail(v, s, i, VmInstructionError.VMPTRLD_INCORRECT_REVISION);
        v.region(addr);
        v.current = addr;
        return succeed(s, i);
    }

    /** vmread %field, r/m64: ModRM.reg (the source here) holds the encoding, r/m receives the value. */
    private static ExecResult vmread(VmxOperation v, CpuState s, Instruction i) {
        if (v.current == VmxOperation.NO_VMCS) return failInvalid(s, i);
        VmcsField f = VmcsField.of(s.reg(((Operand.Reg) i.src()).num()));
        if (f == null) return fail(v, s, i, VmInstructionError.UNSUPPORTED_COMPONENT);
        long value = v.currentRegion().get(f);
        if (i.dst() instanceof Operand.Reg r) {
            return succeed(s.withReg(r.num(), value), s, i);
        }
        v.memory.write(address(s, i), 8, value);
        return succeed(s, i);
    }

    /** vmwrite r/m64, %field: r/m holds the value, ModRM.reg (the destination here) the encoding. */
    private static ExecResult vmwrite(VmxOperation v, CpuState s, Instruction i) {
        if (v.current == VmxOperation.NO_VMCS) return failInvalid(s, i);
        VmcsField f = VmcsField.of(s.reg(((Operand.Reg) i.dst()).num()));
        if (f == null) return fail(v, s, i, VmInstructionError.UNSUPPORTED_COMPONENT);
        if (f.readOnly()) return fail(v, s, i, VmInstructionError.VMWRITE_READ_ONLY);
        long value = i.src() instanceof Operand.Reg r ? s.reg(r.num()) : v.memory.read(address(s, i), 8);
        v.currentRegion().put(f, value);
        return succeed(s, i);
    }

    /** VMLAUNCH and VMRESUME up to the checks on the controls and the host state (SDM 30.3, 26.1-26.2). */
    private static ExecResult vmentry(VmxOperation v, CpuState s, Instruction i) {
        if (v.current == VmxOperation.NO_VMCS) return failInvalid(s, i);
        if (s.shadow() == Shadow.MOV_SS) return fail(v, s, i, VmInstructionError.ENTRY_EVENTS_BLOCKED_BY_MOV_SS);
        VmcsRegion r = v.currentRegion();
        if (i.op() == Op.VMLAUNCH && r.launched) return fail(v, s, i, VmInstructionError.VMLAUNCH_NONCLEAR_VMCS);
        if (i.op() == Op.VMRESUME && !r.launched) return fail(v, s, i, VmInstructionError.VMRESUME_NONLAUNCHED_VMCS);
        if (EntryControls.problem(r) != null) return fail(v, s, i, VmInstructionError.ENTRY_INVALID_CONTROL_FIELD);
        if (EntryControls.hostProblem(r) != null) return fail(v, s, i, VmInstructionError.ENTRY_INVALID_HOST_STATE_FIELD);
        v.entering = i.op();
        return new ExecResult.Exited(VmxOperation.ENTRY);
    }

    static boolean validPointer(long addr) {
        return (addr & 0xFFF) == 0 && addr >>> MAX_PHYS_ADDR == 0;
    }

    /** Bits 30:0 of the region's first dword must be the revision identifier and bit 31 (shadow VMCS) 0. */
    private static boolean revisionMatches(VmxOperation v, long addr) {
        long rev = v.memory.isMapped(addr, 4) ? v.memory.read(addr, 4) : 0xFFFFFFFFL;
        return rev == VmxOperation.REVISION_ID;
    }

    private static long address(CpuState s, Instruction i) {
        Operand.Mem m = (Operand.Mem) (i.dst() instanceof Operand.Mem d ? d : i.src());
        return Operands.effectiveAddress(s, m, s.rip() + i.length());
    }

    private static void requireCpl0(CpuState s, Op op) {
        if (s.cpl() != 0) throw CpuFault.gp(op + " at CPL 3 is #GP(0) (SDM Vol. 3C 30.3 " + op + ").");
    }

    private static ExecResult exit(ExitReason reason, Instruction i) {
        return new ExecResult.Exited(VmExit.instruction(reason.code(), 0, i.length()));
    }

    /** VMsucceed: CF, PF, AF, ZF, SF, OF = 0. */
    private static ExecResult succeed(CpuState s, Instruction i) {
        return succeed(s, s, i);
    }

    private static ExecResult succeed(CpuState next, CpuState s, Instruction i) {
        return new ExecResult.Retired(next.toBuilder().rflags(next.rflags() & ~Rflags.STATUS).rip(s.rip() + i.length()).build(),
                InstructionRule.VMX_SUCCEEDS);
    }

    /** VMfailInvalid: CF = 1, the other status flags 0. */
    private static ExecResult failInvalid(CpuState s, Instruction i) {
        return new ExecResult.Retired(s.toBuilder().rflags(s.rflags() & ~Rflags.STATUS | Rflags.CF).rip(s.rip() + i.length())
                .build(), InstructionRule.VMX_FAILS_INVALID);
    }

    /** VMfail(error): VMfailValid with the error number when there is a current VMCS, else VMfailInvalid (SDM 30.2). */
    private static ExecResult fail(VmxOperation v, CpuState s, Instruction i, VmInstructionError error) {
        if (v.current == VmxOperation.NO_VMCS) return failInvalid(s, i);
        v.currentRegion().put(VmcsField.VM_INSTRUCTION_ERROR, error.number());
        return new ExecResult.Retired(s.toBuilder().rflags(s.rflags() & ~Rflags.STATUS | Rflags.ZF).rip(s.rip() + i.length())
                .build(), InstructionRule.VMX_FAILS_VALID);
    }
}
