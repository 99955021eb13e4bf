package dev.shadowstep.scenario;

import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.trace.State;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The architectural state at start.
 *
 * @param rip      where execution starts; null means the program's first instruction
 * @param rflags   initial RFLAGS, bit 1 set, reserved bits clear
 * @param regs     the 16 general registers in encoding order ({@link State#REG_NAMES})
 * @param dr       DR0..DR3 breakpoint addresses, in order
 * @param debugctl IA32_DEBUGCTL (bit 1 = BTF)
 * @param cr0      CR0 at start (IA-32e mode: PE and PG set)
 * @param cr3      CR3 at start (held only: no page tables are modelled)
 * @param cr4      CR4 at start (PAE set; DE: DR4/DR5 raise #UD instead of aliasing DR6/DR7)
 * @param cpl      0 or 3
 * @param shadow   an interrupt shadow to start inside
 */
public record CpuSetup(Address rip, long rflags, List<Long> regs, List<Address> dr, long dr6, long dr7,
                       long debugctl, long cr0, long cr3, long cr4, int cpl,
                       State.Shadow shadow) {

    public static final long DEFAULT_RFLAGS = 0x2;
    public static final long DEFAULT_DR6 = 0xffff0ff0L;
    public static final long DEFAULT_DR7 = 0x400;
    /** The stack is 16 KiB ending here; RSP starts at the top. */
    public static final long STACK_TOP = 0x800000;

    public static final CpuSetup DEFAULT = new CpuSetup(null, DEFAULT_RFLAGS, defaultRegs(),
            Collections.nCopies(4, new Address.Absolute(0)), DEFAULT_DR6, DEFAULT_DR7, 0, ControlRegisters.RESET.cr0(),
            ControlRegisters.RESET.cr3(), ControlRegisters.RESET.cr4(), 0,
            State.Shadow.NONE);

    public CpuSetup {
        regs = List.copyOf(regs);
        dr = List.copyOf(dr);
        if (regs.size() != 16 || dr.size() != 4) {
            throw new IllegalArgumentException("CpuSetup needs 16 registers and 4 breakpoint addresses");
        }
    }

    /** Returns whether CR4.DE is set at start (the {@code cr4_de} key, or bit 3 of {@code cr4}). */
    public boolean cr4De() {
        return (cr4 & ControlRegisters.CR4_DE) != 0;
    }

    /** Returns the general registers at reset: all zero except RSP, which is the stack top. */
    public static List<Long> defaultRegs() {
        List<Long> regs = new ArrayList<>(Collections.nCopies(16, 0L));
        regs.set(State.REG_NAMES.indexOf("rsp"), STACK_TOP);
        return regs;
    }

    /** Returns a general register by its name (rax, rsp, r15, ...). */
    public long reg(String name) {
        int index = State.REG_NAMES.indexOf(name);
        if (index < 0) throw new IllegalArgumentException("no register named " + name);
        return regs.get(index);
    }
}
