package dev.shadowstep.core.cpu;

/**
 * CR0, CR3 and CR4 of the one CPU (SDM Vol. 3A 2.5, Control Registers). CR2 is held beside them in
 * {@link CpuState} (the #PF address); CR8 is not stored: it is a view of the local APIC's TPR
 * ({@link #cr8FromTpr}, SDM Vol. 3A 11.8.6, Task Priority in IA-32e Mode).
 *
 * <p>The modelled CPU always runs in IA-32e mode (64-bit mode, EFER.LME=LMA=1, no EFER is modelled),
 * so PE, PG and PAE are set and stay set. No page tables are modelled: CR3 is held only. A value
 * with a reserved bit set is refused here; MOV to CR turns such writes into #GP(0).
 */
public record ControlRegisters(long cr0, long cr3, long cr4) {

    // CR0 (SDM Vol. 3A 2.5, Figure 2-7)
    /** Protection Enable. */
    public static final long CR0_PE = 1L;
    /** Monitor Coprocessor. */
    public static final long CR0_MP = 1L << 1;
    /** Emulation (no x87). */
    public static final long CR0_EM = 1L << 2;
    /** Task Switched. */
    public static final long CR0_TS = 1L << 3;
    /** Extension Type: reserved, hardwired to 1 on every processor since the Pentium 4 (SDM 2.5). */
    public static final long CR0_ET = 1L << 4;
    /** Numeric Error. */
    public static final long CR0_NE = 1L << 5;
    /** Write Protect. */
    public static final long CR0_WP = 1L << 16;
    /** Alignment Mask. */
    public static final long CR0_AM = 1L << 18;
    /** Not Write-through. */
    public static final long CR0_NW = 1L << 29;
    /** Cache Disable. */
    public static final long CR0_CD = 1L << 30;
    /** Paging. */
    public static final long CR0_PG = 1L << 31;
    /** The CR0 bits that exist; writes to reserved bits 31:0 are ignored, to bits 63:32 #GP(0) (SDM MOV CR). */
    public static final long CR0_DEFINED = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM
            | CR0_NW | CR0_CD | CR0_PG;

    // CR4 (SDM Vol. 3A 2.5, Figure 2-7)
    public static final long CR4_VME = 1L;
    public static final long CR4_PVI = 1L << 1;
    public static final long CR4_TSD = 1L << 2;
    /** Debugging Extensions: DR4/DR5 are #UD instead of aliasing DR6/DR7 (SDM Vol. 3B 18.2.2). */
    public static final long CR4_DE = 1L << 3;
    public static final long CR4_PSE = 1L << 4;
    /** Physical Address Extension: required in IA-32e mode. */
    public static final long CR4_PAE = 1L << 5;
    public static final long CR4_MCE = 1L << 6;
    public static final long CR4_PGE = 1L << 7;
    public static final long CR4_PCE = 1L << 8;
    public static final long CR4_OSFXSR = 1L << 9;
    public static final long CR4_OSXMMEXCPT = 1L << 10;
    public static final long CR4_UMIP = 1L << 11;
    /** 57-bit linear addresses: not supported by the modelled CPU (reserved). */
    public static final long CR4_LA57 = 1L << 12;
    /** VMX Enable: VMXON needs it (SDM Vol. 3C, Enabling and Entering VMX Operation). */
    public static final long CR4_VMXE = 1L << 13;
    /** SMX Enable: not supported by the modelled CPU (reserved). */
    public static final long CR4_SMXE = 1L << 14;
    public static final long CR4_FSGSBASE = 1L << 16;
    /** PCID Enable: 0 to 1 needs CR3[11:0] = 0 (SDM MOV CR). */
    public static final long CR4_PCIDE = 1L << 17;
    public static final long CR4_OSXSAVE = 1L << 18;
    public static final long CR4_SMEP = 1L << 20;
    public static final long CR4_SMAP = 1L << 21;
    public static final long CR4_PKE = 1L << 22;
    /**
     * The CR4 bits the modelled CPU supports; every other bit (15, 19, 23 and up, and the
     * unsupported LA57, SMXE) is reserved and a write setting one is #GP(0) (SDM MOV CR).
     */
    public static final long CR4_SUPPORTED = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE
            | CR4_PGE | CR4_PCE | CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_UMIP | CR4_VMXE | CR4_FSGSBASE | CR4_PCIDE
            | CR4_OSXSAVE | CR4_SMEP | CR4_SMAP | CR4_PKE;

    /** The modelled CPU's physical-address width (CPUID 80000008H EAX[7:0]); CR3 bits 63:46 are reserved. */
    public static final int MAXPHYADDR = 46;
    /** CR3 bits at or above MAXPHYADDR are reserved (SDM Vol. 3A 2.5). */
    public static final long CR3_RESERVED = ~0L << MAXPHYADDR;
    /** CR8 bits 63:4 are reserved (SDM Vol. 3A 2.5). */
    public static final long CR8_RESERVED = ~0xFL;

    /** CR0 of a 64-bit kernel: PG, WP, NE, ET, MP, PE. */
    public static final long RESET_CR0 = CR0_PG | CR0_WP | CR0_NE | CR0_ET | CR0_MP | CR0_PE;
    /** CR4 in IA-32e mode: PAE only (DE comes from the scenario). */
    public static final long RESET_CR4 = CR4_PAE;

    /** The control registers this model starts with: IA-32e mode, CR3 = 0, CR4.DE = 0. */
    public static final ControlRegisters RESET = new ControlRegisters(RESET_CR0, 0, RESET_CR4);

    public ControlRegisters {
        String problem = heldCr0Problem(cr0);
        if (problem == null) problem = cr4Problem(cr4);
        if (problem == null) problem = cr3Problem(cr3);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /**
     * Returns why {@code cr0} cannot be CR0 of this CPU in IA-32e mode, or null: bits 63:32 set
     * (reserved), PG without PE, NW without CD, or PG/PE clear, which would leave IA-32e mode
     * (SDM Vol. 2B MOV—Move to/from Control Registers, #GP(0); Vol. 3A 2.5).
     */
    public static String cr0Problem(long cr0) {
        if ((cr0 >>> 32) != 0) {
            return String.format("CR0 0x%x sets bits 63:32, which are reserved (SDM Vol. 3A 2.5)", cr0);
        }
        if ((cr0 & CR0_PG) != 0 && (cr0 & CR0_PE) == 0) {
            return String.format("CR0 0x%x sets PG without PE, an invalid combination (SDM MOV CR)", cr0);
        }
        if ((cr0 & CR0_NW) != 0 && (cr0 & CR0_CD) == 0) {
            return String.format("CR0 0x%x sets NW without CD, an invalid combination (SDM MOV CR)", cr0);
        }
        if ((cr0 & CR0_PG) == 0) {
            return String.format("CR0 0x%x clears PG, which would leave IA-32e mode from 64-bit code (SDM MOV CR; Vol. 3A, Switching Out of IA-32e Mode Operation)", cr0);
        }
        return null;
    }

    /**
     * Returns why {@code cr0} cannot be held in CR0, or null: {@link #cr0Problem}, or a reserved bit
     * of 31:0 set (a MOV to CR0 ignores those bits, so CR0 never holds them).
     */
    public static String heldCr0Problem(long cr0) {
        String problem = cr0Problem(cr0);
        if (problem == null && (cr0 & ~CR0_DEFINED) != 0) {
            problem = String.format("CR0 0x%x sets reserved bits 0x%x, which always read as 0 (SDM Vol. 3A 2.5)",
                    cr0, cr0 & ~CR0_DEFINED);
        }
        if (problem == null && (cr0 & CR0_ET) == 0) {
            problem = String.format("CR0 0x%x clears ET, which is hardwired to 1 (SDM Vol. 3A 2.5)", cr0);
        }
        return problem;
    }

    /**
     * Returns why {@code cr4} cannot be CR4 of this CPU in IA-32e mode, or null: a reserved bit
     * set, or PAE clear (SDM MOV CR: "an attempt is made to leave IA-32e mode by clearing CR4.PAE").
     */
    public static String cr4Problem(long cr4) {
        long reserved = cr4 & ~CR4_SUPPORTED;
        if (reserved != 0) {
            return String.format("CR4 0x%x sets bits 0x%x that are reserved on the modelled CPU (supported: 0x%x; "
                    + "SDM Vol. 3A 2.5)", cr4, reserved, CR4_SUPPORTED);
        }
        if ((cr4 & CR4_PAE) == 0) {
            return String.format("CR4 0x%x clears PAE, which would leave IA-32e mode (SDM MOV CR)", cr4);
        }
        return null;
    }

    /** Returns why {@code cr3} cannot be CR3 (a bit at or above MAXPHYADDR set), or null (SDM Vol. 3A 2.5). */
    public static String cr3Problem(long cr3) {
        if ((cr3 & CR3_RESERVED) != 0) {
            return String.format("CR3 0x%x sets bits 63:%d, above the modelled MAXPHYADDR (SDM Vol. 3A 2.5)",
                    cr3, MAXPHYADDR);
        }
        return null;
    }

    /** Returns CR8 for this TPR: CR8[3:0] = TPR[7:4] (SDM Vol. 3A 11.8.6). */
    public static long cr8FromTpr(int tpr) {
        return (tpr >>> 4) & 0xF;
    }

    /** Returns the TPR a write of CR8 gives: TPR[7:4] = CR8[3:0], TPR[3:0] = 0 (SDM Vol. 3A 11.8.6). */
    public static int tprFromCr8(long cr8) {
        return (int) (cr8 & 0xF) << 4;
    }

    /** Returns whether CR4.DE is set: DR4/DR5 are #UD. */
    public boolean cr4De() { return (cr4 & CR4_DE) != 0; }

    /** Returns whether CR4.VMXE is set: VMXON is allowed. */
    public boolean cr4Vmxe() { return (cr4 & CR4_VMXE) != 0; }

    /** Returns whether CR4.PCIDE is set. */
    public boolean cr4Pcide() { return (cr4 & CR4_PCIDE) != 0; }

    /** Returns whether CR0.PE is set. */
    public boolean cr0Pe() { return (cr0 & CR0_PE) != 0; }

    /** Returns whether CR0.PG is set. */
    public boolean cr0Pg() { return (cr0 & CR0_PG) != 0; }

    /** Returns whether CR0.NE is set. */
    public boolean cr0Ne() { return (cr0 & CR0_NE) != 0; }

    public ControlRegisters withCr0(long v) { return new ControlRegisters(v, cr3, cr4); }
    public ControlRegisters withCr3(long v) { return new ControlRegisters(cr0, v, cr4); }
    public ControlRegisters withCr4(long v) { return new ControlRegisters(cr0, cr3, v); }

    /** Returns these registers with CR4.DE set or cleared. */
    public ControlRegisters withCr4De(boolean de) {
        return withCr4(de ? cr4 | CR4_DE : cr4 & ~CR4_DE);
    }
}
