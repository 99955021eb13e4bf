package dev.shadowstep.core.asm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Constants every program may use without defining them, by their Linux kernel names
 * (arch/x86/include/uapi/asm/processor-flags.h, debugreg.h). Redefining one with
 * {@code .set}/{@code .equ} is allowed only with the same value (a pasted header is harmless,
 * a different value is an error).
 */
final class Predefined {
    private Predefined() {}

    static final Map<String, Long> CONSTANTS = build();

    private static Map<String, Long> build() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("X86_EFLAGS_CF", 0x1L);        // carry
        m.put("X86_EFLAGS_FIXED", 0x2L);     // bit 1, always 1
        m.put("X86_EFLAGS_PF", 0x4L);        // parity
        m.put("X86_EFLAGS_AF", 0x10L);       // auxiliary carry
        m.put("X86_EFLAGS_ZF", 0x40L);       // zero
        m.put("X86_EFLAGS_SF", 0x80L);       // sign
        m.put("X86_EFLAGS_TF", 0x100L);      // trap: single-step
        m.put("X86_EFLAGS_IF", 0x200L);      // interrupt enable
        m.put("X86_EFLAGS_DF", 0x400L);      // direction
        m.put("X86_EFLAGS_OF", 0x800L);      // overflow
        m.put("X86_EFLAGS_IOPL", 0x3000L);   // I/O privilege level (2 bits)
        m.put("X86_EFLAGS_NT", 0x4000L);     // nested task
        m.put("X86_EFLAGS_RF", 0x10000L);    // resume: suppresses instruction breakpoints
        m.put("X86_EFLAGS_VM", 0x20000L);    // virtual-8086 mode
        m.put("X86_EFLAGS_AC", 0x40000L);    // alignment check
        m.put("X86_EFLAGS_VIF", 0x80000L);   // virtual interrupt flag
        m.put("X86_EFLAGS_VIP", 0x100000L);  // virtual interrupt pending
        m.put("X86_EFLAGS_ID", 0x200000L);   // CPUID available
        m.put("DR6_BS", 0x4000L);            // single-step
        m.put("DR6_BD", 0x2000L);            // debug-register access detected (DR7.GD)
        m.put("DR6_BT", 0x8000L);            // task switch
        m.put("DR6_ACTIVE_LOW", 0xffff0ff0L); // DR6 bits that read as 1 when inactive
        m.put("DR7_GD", 0x2000L);            // general detect
        // Control-register bits by their kernel names (arch/x86/include/uapi/asm/processor-flags.h; SDM Vol. 3A 2.5)
        m.put("X86_CR0_PE", 0x1L);           // protection enable
        m.put("X86_CR0_TS", 0x8L);           // task switched
        m.put("X86_CR0_NE", 0x20L);          // numeric error
        m.put("X86_CR0_WP", 0x10000L);       // write protect
        m.put("X86_CR0_NW", 0x20000000L);    // not write-through
        m.put("X86_CR0_CD", 0x40000000L);    // cache disable
        m.put("X86_CR0_PG", 0x80000000L);    // paging
        m.put("X86_CR4_TSD", 0x4L);          // time-stamp counter at CPL 0 only
        m.put("X86_CR4_DE", 0x8L);           // debugging extensions: DR4/DR5 are #UD
        m.put("X86_CR4_PAE", 0x20L);         // physical address extension
        m.put("X86_CR4_VMXE", 0x2000L);      // VMX enable
        m.put("X86_CR4_PCIDE", 0x20000L);    // PCID enable
        m.put("MSR_IA32_TSC_DEADLINE", 0x6e0L); // IA32_TSC_DEADLINE (SDM Vol. 4, Table 2-2), written by debug_regs.c
        return Collections.unmodifiableMap(m);
    }
}
