package dev.shadowstep.core.cpu;

/**
 * The flat GDT shadowstep assumes (as KVM selftests and kvm-unit-tests set it up):
 * kernel code 0x08, kernel data 0x10, user data 0x23, user code 0x2b.
 */
public final class Selectors {
    private Selectors() {}

    public static final int KERNEL_CS = 0x08;
    public static final int KERNEL_SS = 0x10;
    public static final int USER_SS = 0x23;
    public static final int USER_CS = 0x2b;

    /** Returns the CS selector for a CPL. */
    public static int codeFor(int cpl) {
        return cpl == 0 ? KERNEL_CS : USER_CS;
    }

    /** Returns the default SS selector for a CPL. */
    public static int stackFor(int cpl) {
        return cpl == 0 ? KERNEL_SS : USER_SS;
    }

    /**
     * Returns why {@code selector} cannot be loaded into SS at {@code cpl}, or null when it can:
     * RPL and DPL must equal CPL and the descriptor must be writable data; a null selector is
     * allowed in 64-bit mode at CPL 0 only (SDM MOV, 64-bit mode exceptions).
     */
    public static String stackProblem(int selector, int cpl) {
        if ((selector & ~3) == 0) {
            return cpl == 0 ? null : "a null SS selector is #GP at CPL 3";
        }
        int expected = stackFor(cpl);
        return selector == expected ? null
                : "selector 0x" + Integer.toHexString(selector) + " is not a writable data segment with DPL = RPL = CPL "
                + cpl + " (use 0x" + Integer.toHexString(expected) + ")";
    }

    /** Returns why {@code selector} cannot be loaded into DS/ES/FS/GS at {@code cpl}, or null when it can. */
    public static String dataProblem(int selector, int cpl) {
        if ((selector & ~3) == 0 || selector == KERNEL_SS && cpl == 0 || selector == USER_SS) {
            return null;
        }
        return "selector 0x" + Integer.toHexString(selector) + " is not a data segment accessible at CPL " + cpl;
    }
}
