package dev.shadowstep.core.event;

/**
 * An event to deliver through the IDT.
 *
 * @param source    what raised it
 * @param vector    the IDT vector
 * @param errorCode the error code to push, or -1
 * @param pushedRip the RIP saved in the frame: the faulting instruction for faults, the next one for traps
 * @param dbCauses  for #DB, the DR6-style cause bits (B0-B3, BD, BS); 0 for ICEBP
 * @param cr2       for #PF, the faulting address
 * @param why       the rule that raised it, for the trace (may be null in fast paths)
 * @param injected  a VMM injected it on VM entry (VM-entry interruption information): the CPU delivers
 *                  it as it is, without updating DR6 or setting RF itself (SDM 26.6)
 */
public record Interruption(Source source, int vector, int errorCode, long pushedRip, long dbCauses, long cr2, String why,
                           boolean injected) {

    /** An event raised in the guest itself (not injected). */
    public Interruption(Source source, int vector, int errorCode, long pushedRip, long dbCauses, long cr2, String why) {
        this(source, vector, errorCode, pushedRip, dbCauses, cr2, why, false);
    }

    /** Where an interruption comes from. */
    public enum Source {
        /** Row 4 traps: single-step and data breakpoints (and merged instruction breakpoints). */
        DEBUG_TRAP,
        /** Row 7: instruction breakpoint fault. */
        CODE_BREAKPOINT,
        /** MOV DR with DR7.GD=1: fault-like #DB with DR6.BD. */
        GENERAL_DETECT,
        /** ICEBP / INT1: trap-like #DB with no DR6 cause bit. */
        ICEBP,
        /** INT3: #BP trap. */
        INT3,
        /** INT n software interrupt. */
        INT_N,
        /** A fault raised by an instruction or its fetch (#UD, #GP, #PF, ...). */
        FAULT,
        /** A maskable interrupt from the local APIC. */
        IRQ,
        /** A non-maskable interrupt. */
        NMI;

        /** Returns whether this is a debug exception (vector 1 that updates DR6 and clears DR7.GD). */
        public boolean isDebugException() {
            return this == DEBUG_TRAP || this == CODE_BREAKPOINT || this == GENERAL_DETECT || this == ICEBP;
        }

        /** Returns whether a software interrupt/exception (INT n, INT3): it does not discard traps held by a MOV SS shadow. */
        public boolean isSoftware() {
            return this == INT3 || this == INT_N;
        }
    }

    /** Returns a short title: {@code #DB}, {@code #BP}, {@code #GP}, {@code IRQ 0xaa}, {@code NMI}, {@code INT 0x80}. */
    public String title() {
        return switch (source) {
            case IRQ -> "IRQ 0x" + Integer.toHexString(vector);
            case NMI -> "NMI";
            case INT_N -> "INT 0x" + Integer.toHexString(vector);
            default -> Vectors.mnemonic(vector);
        };
    }
}
