package dev.shadowstep.core.asm;

/**
 * What an instruction does, independent of its encoding. The assembler's table maps each
 * AT&T mnemonic (with its size suffix and operand forms) to one of these; the decoder maps
 * bytes back to the same value, and the CPU's step function switches over it. Each carries one
 * line of what it does to the state shadowstep models, and its SDM reference (the editor's hover).
 */
public enum Op {
    NOP("does nothing; the boundary after it is where pending events are taken", "SDM Vol. 2B NOP"),
    HLT("halts until an unmasked interrupt or NMI; an STI shadow still blocks the IRQ at the HLT", "SDM Vol. 2A HLT"),
    STI("sets IF; when IF was 0 it starts the STI shadow (IRQs held one boundary, #DB not)", "SDM Vol. 2B STI; Vol. 3A 6.8.3"),
    CLI("clears IF: maskable interrupts are held", "SDM Vol. 2A CLI"),
    PUSHF("pushes RFLAGS with RF and VM cleared", "SDM Vol. 2B PUSHF"),
    POPF("loads RFLAGS from the stack (TF, IF, DF ...); single-step starts after the next instruction", "SDM Vol. 2B POPF; Vol. 3B 18.3.1.4"),
    IRET("returns from a handler: pops RIP, CS, RFLAGS (RF, TF, IF), RSP, SS; ends an NMI block", "SDM Vol. 2A IRET"),
    INT3("raises #BP (vector 3) as a trap: the pushed RIP is after it", "SDM Vol. 2A INT n/INTO/INT3/INT1"),
    INT("raises software interrupt n through the IDT", "SDM Vol. 2A INT n/INTO/INT3/INT1"),
    INT1("ICEBP: a trap-like #DB with no DR6 condition bit", "SDM Vol. 2A INT n/INTO/INT3/INT1; Vol. 3B 18.2.3"),
    UD2("raises #UD", "SDM Vol. 2B UD"),
    CPUID("returns processor identification in EAX, EBX, ECX, EDX; exits to KVM in a guest", "SDM Vol. 2A CPUID"),
    RDMSR("reads the MSR named by ECX into EDX:EAX", "SDM Vol. 2B RDMSR"),
    WRMSR("writes EDX:EAX to the MSR named by ECX (x2APIC EOI, self-IPI)", "SDM Vol. 2B WRMSR"),
    IN("reads an I/O port; exits to KVM in a guest", "SDM Vol. 2A IN"),
    OUT("writes an I/O port; exits to KVM in a guest", "SDM Vol. 2B OUT"),
    VMCALL("calls the hypervisor: a VM exit", "SDM Vol. 2C VMCALL"),
    PUSH("pushes a register or immediate", "SDM Vol. 2B PUSH"),
    POP("pops into a register", "SDM Vol. 2B POP"),
    /** mov between general registers, memory and immediates */
    MOV("copies a register, memory or immediate; a write can hit a data breakpoint", "SDM Vol. 2B MOV"),
    /** mov %drN, reg */
    MOV_FROM_DR("reads a debug register (DR4/DR5 alias DR6/DR7 when CR4.DE=0); DR7.GD makes it fault with BD", "SDM Vol. 2B MOV (Debug Registers); Vol. 3B 18.2"),
    /** mov reg, %drN */
    MOV_TO_DR("writes a debug register (DR6 keeps its fixed bits); DR7.GD makes it fault with BD", "SDM Vol. 2B MOV (Debug Registers); Vol. 3B 18.2"),
    /** mov %crN, reg */
    MOV_FROM_CR("reads a control register (CR8 is the TPR's bits 7:4); CPL 3 is #GP, CR1/CR5-CR7/CR9-CR15 #UD", "SDM Vol. 2B MOV (Control Registers); Vol. 3A 2.5"),
    /** mov reg, %crN */
    MOV_TO_CR("writes a control register: reserved bits or leaving IA-32e mode are #GP; CR4.DE decides DR4/DR5, CR8 sets the TPR", "SDM Vol. 2B MOV (Control Registers); Vol. 3A 2.5"),
    /** mov %sreg, r/m */
    MOV_FROM_SEG("copies a segment selector", "SDM Vol. 2B MOV"),
    /** mov r/m, %sreg (to %ss: starts the MOV SS shadow) */
    MOV_TO_SEG("loads a segment register; to SS it starts the MOV SS shadow (IRQs, NMI and #DB traps held)", "SDM Vol. 2B MOV; Vol. 3A 6.8.3"),
    LEA("computes an address into a register", "SDM Vol. 2A LEA"),
    OR("bitwise OR; sets SF, ZF, PF, clears CF and OF", "SDM Vol. 2B OR"),
    AND("bitwise AND; sets SF, ZF, PF, clears CF and OF", "SDM Vol. 2A AND"),
    XOR("bitwise XOR; sets SF, ZF, PF, clears CF and OF", "SDM Vol. 2C XOR"),
    ADD("adds; sets the status flags", "SDM Vol. 2A ADD"),
    SUB("subtracts; sets the status flags", "SDM Vol. 2C SUB"),
    CMP("compares (subtracts without storing); sets the status flags", "SDM Vol. 2A CMP"),
    TEST("ANDs without storing; sets SF, ZF, PF", "SDM Vol. 2C TEST"),
    INC("adds 1; CF unchanged", "SDM Vol. 2A INC"),
    DEC("subtracts 1; CF unchanged", "SDM Vol. 2A DEC"),
    JMP("jumps; a taken branch for DR7/BTF single-step on branches", "SDM Vol. 2A JMP"),
    JCC("jumps when the condition holds", "SDM Vol. 2A Jcc"),
    CALL("pushes the return address and jumps", "SDM Vol. 2A CALL"),
    RET("pops the return address and jumps", "SDM Vol. 2B RET"),
    LOOP("decrements RCX and jumps while it is not zero", "SDM Vol. 2A LOOP/LOOPcc"),
    /** f3 90: a spin-loop hint with the architectural effect of NOP (SDM PAUSE) */
    PAUSE("a spin-loop hint: architecturally a NOP", "SDM Vol. 2B PAUSE"),
    /** the flag instructions: set, clear, complement CF; clear, set DF; AH to and from the status flags */
    STC("sets CF", "SDM Vol. 2B STC"),
    CLC("clears CF", "SDM Vol. 2A CLC"),
    CMC("complements CF", "SDM Vol. 2A CMC"),
    CLD("clears DF", "SDM Vol. 2A CLD"),
    STD("sets DF", "SDM Vol. 2B STD"),
    LAHF("loads SF, ZF, AF, PF, CF into AH", "SDM Vol. 2A LAHF"),
    SAHF("stores AH into SF, ZF, AF, PF, CF", "SDM Vol. 2B SAHF"),
    /** ce: #UD in 64-bit mode (SDM INTO); decoded so that .byte 0xce explains itself */
    INTO("#UD in 64-bit mode", "SDM Vol. 2A INT n/INTO/INT3/INT1"),
    /** the shift and rotate group (c0 c1 d0-d3 /digit) */
    ROL("rotates left; CF gets the bit rotated out", "SDM Vol. 2B RCL/RCR/ROL/ROR"),
    ROR("rotates right; CF gets the bit rotated out", "SDM Vol. 2B RCL/RCR/ROL/ROR"),
    RCL("rotates left through CF", "SDM Vol. 2B RCL/RCR/ROL/ROR"),
    RCR("rotates right through CF", "SDM Vol. 2B RCL/RCR/ROL/ROR"),
    SHL("shifts left; CF gets the last bit out", "SDM Vol. 2B SAL/SAR/SHL/SHR"),
    SHR("shifts right, zero-filling; CF gets the last bit out", "SDM Vol. 2B SAL/SAR/SHL/SHR"),
    SAR("shifts right, sign-filling; CF gets the last bit out", "SDM Vol. 2B SAL/SAR/SHL/SHR"),
    /** exchange two operands (90+r, 86, 87); with a memory operand it is locked without a LOCK prefix (SDM XCHG) */
    XCHG("exchanges two operands (locked with a memory operand)", "SDM Vol. 2C XCHG"),
    /** compare the accumulator with r/m; equal: r/m = source, else accumulator = r/m (0f b0, 0f b1) */
    CMPXCHG("compares the accumulator with r/m: equal stores the source, else loads r/m; sets ZF", "SDM Vol. 2A CMPXCHG"),
    /** bit test (and set, reset, complement): CF = the selected bit */
    BT("copies the selected bit into CF", "SDM Vol. 2A BT"),
    BTS("copies the selected bit into CF and sets it", "SDM Vol. 2A BTS"),
    BTR("copies the selected bit into CF and clears it", "SDM Vol. 2A BTR"),
    BTC("copies the selected bit into CF and complements it", "SDM Vol. 2A BTC"),
    /** unsigned and signed divide of rDX:rAX (AX for bytes): #DE on a zero divisor or a quotient too large */
    DIV("unsigned divide of rDX:rAX; #DE on a zero divisor or a quotient too large", "SDM Vol. 2A DIV"),
    IDIV("signed divide of rDX:rAX; #DE on a zero divisor or a quotient too large", "SDM Vol. 2A IDIV"),
    /**
     * zero and sign extension, named by the source size as in AT&T (movzbl: byte to long); the
     * instruction's size is the destination's, {@link #sourceSize()} the source's
     */
    MOVZB("zero-extends a byte", "SDM Vol. 2B MOVZX"),
    MOVZW("zero-extends a word", "SDM Vol. 2B MOVZX"),
    MOVSB("sign-extends a byte", "SDM Vol. 2B MOVSX/MOVSXD"),
    MOVSW("sign-extends a word", "SDM Vol. 2B MOVSX/MOVSXD"),
    MOVSL("sign-extends a doubleword", "SDM Vol. 2B MOVSX/MOVSXD"),
    /** write back and invalidate caches; invalidate caches: CPL 0 only, no cache is modelled */
    WBINVD("writes back and invalidates caches (CPL 0 only; no cache is modelled)", "SDM Vol. 2C WBINVD"),
    INVD("invalidates caches (CPL 0 only; no cache is modelled)", "SDM Vol. 2A INVD"),
    /** read the time-stamp counter into EDX:EAX (RDTSCP also IA32_TSC_AUX into ECX); see Memory.tsc() */
    RDTSC("reads the time-stamp counter into EDX:EAX", "SDM Vol. 2B RDTSC"),
    RDTSCP("reads the time-stamp counter into EDX:EAX and IA32_TSC_AUX into ECX", "SDM Vol. 2B RDTSCP"),
    /** VMX instructions in guest text: #UD outside VMX operation, a VM exit in VMX non-root operation (SDM Vol. 3C 25.1.2) */
    VMLAUNCH("#UD outside VMX operation; a VM exit in a guest", "SDM Vol. 2C VMLAUNCH/VMRESUME; Vol. 3C 25.1.2"),
    VMRESUME("#UD outside VMX operation; a VM exit in a guest", "SDM Vol. 2C VMLAUNCH/VMRESUME; Vol. 3C 25.1.2"),
    VMREAD("#UD outside VMX operation; a VM exit in a guest", "SDM Vol. 2C VMREAD; Vol. 3C 25.1.2"),
    VMWRITE("#UD outside VMX operation; a VM exit in a guest", "SDM Vol. 2C VMWRITE; Vol. 3C 25.1.2"),
    /** the rest of the VMX instruction set: bare metal executes them once VMXON put the CPU in VMX operation (core.vmx.VmxOperation) */
    VMXON("enters VMX operation with the VMXON region at the m64 address (needs CR4.VMXE=1)", "SDM Vol. 3C 30.3 VMXON"),
    VMXOFF("leaves VMX operation", "SDM Vol. 3C 30.3 VMXOFF"),
    VMCLEAR("makes the VMCS at the m64 address clear (launch state) and not current", "SDM Vol. 3C 30.3 VMCLEAR"),
    VMPTRLD("makes the VMCS at the m64 address the current VMCS", "SDM Vol. 3C 30.3 VMPTRLD"),
    VMPTRST("stores the current-VMCS pointer to m64", "SDM Vol. 3C 30.3 VMPTRST");

    private final String does;
    private final String sdm;

    Op(String does, String sdm) {
        this.does = does;
        this.sdm = sdm;
    }

    /** Returns one line of what the instruction does to the state shadowstep models. */
    public String does() {
        return does;
    }

    /** Returns the SDM reference of the instruction. */
    public String sdm() {
        return sdm;
    }

    /** Returns whether this is a VMX instruction that exits unconditionally in VMX non-root operation (VMCALL aside). */
    public boolean isVmxInstruction() {
        return switch (this) {
            case VMLAUNCH, VMRESUME, VMREAD, VMWRITE, VMXON, VMXOFF, VMCLEAR, VMPTRLD, VMPTRST -> true;
            default -> false;
        };
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
