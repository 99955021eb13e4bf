package dev.shadowstep.core.asm;

/**
 * What an instruction does, independent of its encoding. The assembler's table maps each
 * AT&T mnemonic (with its size suffix and operand forms) to one of these; the decoder maps
 * bytes back to the same value, and the CPU's step function switches over it.
 */
public enum Op {
    NOP, HLT, STI, CLI, PUSHF, POPF, IRET, INT3, INT, INT1, UD2, CPUID, RDMSR, WRMSR,
    IN, OUT, VMCALL, PUSH, POP,
    /** mov between general registers, memory and immediates */
    MOV,
    /** mov %drN, reg */
    MOV_FROM_DR,
    /** mov reg, %drN */
    MOV_TO_DR,
    /** mov %sreg, r/m */
    MOV_FROM_SEG,
    /** mov r/m, %sreg (to %ss: starts the MOV SS shadow) */
    MOV_TO_SEG,
    LEA, OR, AND, XOR, ADD, SUB, CMP, TEST, INC, DEC,
    JMP, JCC, CALL, RET, LOOP,
    /** f3 90: a spin-loop hint with the architectural effect of NOP (SDM PAUSE) */
    PAUSE,
    /** the flag instructions: set, clear, complement CF; clear, set DF; AH to and from the status flags */
    STC, CLC, CMC, CLD, STD, LAHF, SAHF,
    /** ce: #UD in 64-bit mode (SDM INTO); decoded so that .byte 0xce explains itself */
    INTO,
    /** the shift and rotate group (c0 c1 d0-d3 /digit) */
    ROL, ROR, RCL, RCR, SHL, SHR, SAR,
    /** exchange two operands (90+r, 86, 87); with a memory operand it is locked without a LOCK prefix (SDM XCHG) */
    XCHG,
    /** compare the accumulator with r/m; equal: r/m = source, else accumulator = r/m (0f b0, 0f b1) */
    CMPXCHG,
    /** bit test (and set, reset, complement): CF = the selected bit */
    BT, BTS, BTR, BTC,
    /** unsigned and signed divide of rDX:rAX (AX for bytes): #DE on a zero divisor or a quotient too large */
    DIV, IDIV,
    /**
     * zero and sign extension, named by the source size as in AT&T (movzbl: byte to long); the
     * instruction's size is the destination's, {@link #sourceSize()} the source's
     */
    MOVZB, MOVZW, MOVSB, MOVSW, MOVSL,
    /** write back and invalidate caches; invalidate caches: CPL 0 only, no cache is modelled */
    WBINVD, INVD,
    /** read the time-stamp counter into EDX:EAX (RDTSCP also IA32_TSC_AUX into ECX); see Memory.tsc() */
    RDTSC, RDTSCP,
    /** VMX instructions in guest text: #UD outside VMX operation, a VM exit in VMX non-root operation (SDM Vol. 3C 25.1.2) */
    VMLAUNCH, VMRESUME, VMREAD, VMWRITE;

    /** Returns whether this is a VMX instruction that exits unconditionally in VMX non-root operation (VMCALL aside). */
    public boolean isVmxInstruction() {
        return this == VMLAUNCH || this == VMRESUME || this == VMREAD || this == VMWRITE;
    }

    /** Returns the source size in bytes of a zero/sign extension (MOVZB ... MOVSL), else 0. */
    public int sourceSize() {
        return switch (this) {
            case MOVZB, MOVSB -> 1;
            case MOVZW, MOVSW -> 2;
            case MOVSL -> 4;
            default -> 0;
        };
    }

    /** Returns whether this is a sign extension (the rest of MOVZB ... MOVSL zero-extend). */
    public boolean signExtends() {
        return this == MOVSB || this == MOVSW || this == MOVSL;
    }
}
