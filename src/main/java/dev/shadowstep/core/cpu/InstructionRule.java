package dev.shadowstep.core.cpu;

/**
 * The rules a retired instruction follows: first its own, returned by the executor family that ran
 * it (or the {@link Platform}), then those of its retirement ({@link Retirement}: single-step, data
 * breakpoints, the shadow, RF). A step's rule is the instruction's own when it has one, else the
 * first retirement rule that applied, else {@link #FRAME_RFLAGS_EDIT} when {@link Arithmetic}
 * returned it, else {@link #PLAIN}; {@link Retirement#complete} picks it and {@link ExecResult.Retired}
 * carries it. {@code run.InstructionWhy} builds the why from it.
 */
public enum InstructionRule implements Rule {
    // FlagControl
    STI_SHADOW_STARTED("STI set IF and starts the STI shadow: maskable interrupts (and, as in Bochs, NMI) stay blocked at the "
            + "next boundary only; #DB is not blocked (SDM STI, 6.8.3).",
            "SDM Vol. 2B STI (Set Interrupt Flag); Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks)"),
    STI_IF_ALREADY_SET("IF was already 1, so STI starts no shadow (only STI that sets IF blocks interrupts, SDM STI).",
            "SDM Vol. 2B STI (Set Interrupt Flag)"),
    CLI_CLEARS_IF("CLI clears IF: maskable interrupts are held until IF is set again (SDM CLI).",
            "SDM Vol. 2A CLI (Clear Interrupt Flag)"),
    POPF_SETS_TF("POPF set TF; the first single-step #DB comes after the next instruction, because TF is sampled when an "
            + "instruction starts (SDM 18.3.1.4).",
            "SDM Vol. 2B POPF (Pop Stack into EFLAGS Register); Vol. 3B 18.3.1.4 (Single-Step Exception Condition)"),
    POPF_CLEARS_TF("POPF cleared TF, but it began with TF=1, so its own single-step trap is still pending (SDM 18.3.1.4).",
            "SDM Vol. 2B POPF (Pop Stack into EFLAGS Register); Vol. 3B 18.3.1.4 (Single-Step Exception Condition)"),
    POPF_LOADS_RFLAGS("POPF loaded RFLAGS from the stack.", "SDM Vol. 2B POPF (Pop Stack into EFLAGS Register)"),
    PUSHF_STORES_RFLAGS("PUSHF stores RFLAGS with RF and VM cleared (SDM PUSHF).",
            "SDM Vol. 2B PUSHF (Push EFLAGS Register onto the Stack)"),
    // ControlTransfer
    IRET_NO_SHADOW("IRET restored RFLAGS from the frame (TF={tf}, IF={if}, RF={rf}) and created no shadow{more}.",
            "SDM Vol. 2A IRET (Interrupt Return); Vol. 3A 6.7.1 (Handling Multiple NMIs), 6.12.1.3 (Flag Usage by "
                    + "Exception- or Interrupt-Handler Procedure)"),
    HLT_HALTS("HLT halts the CPU until an unmasked interrupt or NMI (SDM HLT).", "SDM Vol. 2A HLT (Halt)"),
    // DataTransfer: segment and debug registers
    MOV_SS_SHADOW_STARTED("MOV to SS starts the MOV SS shadow: interrupts, NMI and debug traps are held until after the next "
            + "instruction, and an instruction breakpoint on it is ignored (SDM MOV, 6.8.3).",
            "SDM Vol. 2B MOV (Move); Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks)"),
    MOV_SS_AFTER_MOV_SS("A MOV SS right after a MOV SS does not start a new shadow (SDM 6.8.3 footnote; Bochs).",
            "SDM Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks), footnote; Bochs inhibit_interrupts"),
    MOV_TO_DR6("DR6 = {value}: only B0-B3, BD, BS and BT are writable; the other bits are fixed{alias}.",
            "SDM Vol. 3B 18.2.3 (Debug Status Register (DR6)), 18.2.2 (Debug Registers DR4 and DR5)"),
    MOV_TO_DR7("DR7 = {value}{alias}{gd}.", "SDM Vol. 3B 18.2.4 (Debug Control Register (DR7)), 18.2.2 (Debug Registers DR4 and DR5)"),
    DR_ALIAS("DR{n} aliases DR{reg} because CR4.DE=0 (SDM 18.2.2).", "SDM Vol. 3B 18.2.2 (Debug Registers DR4 and DR5)"),
    // ControlRegisterAccess
    MOV_TO_CR0("CR0 = {value} (SDM MOV CR; Vol. 3A 2.5); {change}.",
            "SDM Vol. 2B MOV (Move to/from Control Registers); Vol. 3A 2.5 (Control Registers)"),
    MOV_TO_CR2("CR2 = {value}: software may write it; the CPU writes it only when it delivers a #PF (SDM Vol. 3A 2.5).",
            "SDM Vol. 2B MOV (Move to/from Control Registers); Vol. 3A 2.5 (Control Registers)"),
    MOV_TO_CR3("CR3 = {value}: held only, as no page tables or TLB are modelled (SDM Vol. 3A 2.5).",
            "SDM Vol. 2B MOV (Move to/from Control Registers); Vol. 3A 2.5 (Control Registers)"),
    MOV_TO_CR4("CR4 = {value} (SDM MOV CR; Vol. 3A 2.5); {change}.",
            "SDM Vol. 2B MOV (Move to/from Control Registers); Vol. 3A 2.5 (Control Registers), Vol. 3B 18.2.2 (Debug "
                    + "Registers DR4 and DR5)"),
    MOV_TO_CR8("CR8 = {value}: TPR = {tpr} (TPR[7:4] = CR8[3:0], TPR[3:0] = 0; SDM Vol. 3A 11.8.6){irq}.",
            "SDM Vol. 2B MOV (Move to/from Control Registers); Vol. 3A 11.8.6 (Task Priority in IA-32e Mode), 11.8.3.1 "
                    + "(Task and Processor Priorities)"),
    MOV_FROM_CR("{reg} = CR{n} = {value}{note}.", "SDM Vol. 2B MOV (Move to/from Control Registers); Vol. 3A 2.5 "
            + "(Control Registers), 11.8.6 (Task Priority in IA-32e Mode)"),
    // Msr
    WRMSR_APIC("{note}", "SDM Vol. 3A 11.12 (Extended XAPIC (x2APIC)): 11.8.5 (Signaling Interrupt Servicing Completion), "
            + "11.8.3.1 (Task and Processor Priorities), 11.12.9 (ICR Operation in x2APIC Mode)"),
    WRMSR_APIC_TIMER("{note}", "SDM Vol. 3A 11.5.4 (APIC Timer), 11.5.4.1 (TSC-Deadline Mode), 11.12.1.2 (x2APIC "
            + "Register Address Space)"),
    XAPIC_MMIO_WRITE("The store goes to the xAPIC page, not memory: {note}", "SDM Vol. 3A 11.4.1 (The Local APIC Block "
            + "Diagram: the APIC registers are memory mapped to a 4-KByte region), 11.8.5 (EOI), 11.6.1 (ICR), 11.5.4 (APIC Timer)"),
    XAPIC_MMIO_READ("The load reads the xAPIC page, not memory: {note}", "SDM Vol. 3A 11.4.1 (The Local APIC Block "
            + "Diagram), 11.8.3.1 (PPR), 11.5.4 (current count)"),
    WRMSR_DEBUGCTL("IA32_DEBUGCTL.BTF={btf}: {effect}", "SDM Vol. 3B 18.4.3 (Single-Stepping on Branches)"),
    WRMSR_OTHER("WRMSR {msr} accepted; this model keeps no further state for it.", "SDM Vol. 2B WRMSR (Write to Model Specific Register)"),
    // Platform
    IN_NO_DEVICE("IN reads all ones: no device answers on this machine.", "SDM Vol. 2A IN (Input from Port)"),
    OUT_NO_DEVICE("OUT goes nowhere: no device listens on this machine.", "SDM Vol. 2B OUT (Output to Port)"),
    CPUID_FIXED("CPUID returns this model's fixed values (GenuineIntel, x2APIC).", "SDM Vol. 2A CPUID (CPU Identification)"),
    // Exchange, BitTest, Divide, Extension, caches
    XCHG_SWAPS("XCHG swapped its operands; it changes no flag, and with a memory operand it is locked without a LOCK "
            + "prefix (SDM XCHG).", "SDM Vol. 2B XCHG (Exchange Register/Memory with Register)"),
    CMPXCHG_EQUAL("CMPXCHG found the accumulator equal to the destination: ZF=1 and the destination now holds the source; "
            + "the other status flags are those of CMP (SDM CMPXCHG).", "SDM Vol. 2A CMPXCHG (Compare and Exchange)"),
    CMPXCHG_DIFFERENT("CMPXCHG found the accumulator different from the destination: ZF=0, the accumulator now holds the "
            + "destination, and the destination was written back unchanged (a write, for data breakpoints) (SDM CMPXCHG).",
            "SDM Vol. 2A CMPXCHG (Compare and Exchange)"),
    BIT_TEST("{name} copied bit {bit} to CF (CF={cf}){change}; ZF is unchanged, OF SF AF PF are undefined and this model "
            + "leaves them (SDM {name}).", "SDM Vol. 2A BT (Bit Test), BTC (Bit Test and Complement), BTR (Bit Test and "
            + "Reset), BTS (Bit Test and Set)"),
    DIVIDES("{name} divided: quotient {q}, remainder {r}; CF OF SF ZF AF PF are undefined and this model leaves them "
            + "(SDM {name}).", "SDM Vol. 2A DIV (Unsigned Divide), IDIV (Signed Divide)"),
    EXTENDS("{name} {how}-extended a {from}-bit source into the {to}-bit destination; no flag changes (SDM {sdm}).",
            "SDM Vol. 2B MOVZX (Move with Zero-Extend), MOVSX/MOVSXD (Move with Sign-Extension)"),
    CACHE_NOT_MODELLED("{name} at CPL 0: this model has no caches, so there is nothing to write back or invalidate; no "
            + "flag changes (SDM {name}).", "SDM Vol. 2B WBINVD (Write Back and Invalidate Cache), Vol. 2A INVD "
            + "(Invalidate Internal Caches)"),
    RDTSC_READS_COUNT("{name} loaded EDX:EAX with the time-stamp counter, {tsc}: in this model it counts the guest "
            + "instructions retired before it in the run, so it is deterministic{aux}; no flag changes (SDM {name}).",
            "SDM Vol. 2B RDTSC (Read Time-Stamp Counter), RDTSCP (Read Time-Stamp Counter and Processor ID)"),
    // VMX instructions executed by the program (core.vmx.VmxInstructions)
    VMX_SUCCEEDS("The VMX instruction succeeded: VMsucceed clears CF, PF, AF, ZF, SF and OF (SDM 30.2).",
            "SDM Vol. 3C 30.2 (Conventions), 30.3 (VMX Instructions)"),
    VMX_FAILS_INVALID("The VMX instruction failed with VMfailInvalid: CF=1 and PF, AF, ZF, SF, OF cleared; there is no current "
            + "VMCS, so no error number is recorded (SDM 30.2).", "SDM Vol. 3C 30.2 (Conventions), 30.4 (VM Instruction Error Numbers)"),
    VMX_FAILS_VALID("The VMX instruction failed with VMfailValid: ZF=1 and CF, PF, AF, SF, OF cleared; the error number is in "
            + "the VM-instruction error field (0x4400) of the current VMCS, readable with VMREAD (SDM 30.2, Table 30-1).",
            "SDM Vol. 3C 30.2 (Conventions), 30.4 (VM Instruction Error Numbers)"),
    // Retirement
    SINGLE_STEP_TRAP_PENDING("It began with TF=1, so a single-step trap (DR6.BS) is pending after it (SDM 18.3.1.4).",
            "SDM Vol. 3B 18.3.1.4 (Single-Step Exception Condition)"),
    DATA_BREAKPOINT_HIT("Its memory access hit data breakpoint {breakpoint}: a trap #DB is pending, delivered after the "
            + "instruction (SDM 18.2.5).", "SDM Vol. 3B 18.2.5 (Breakpoint Field Recognition)"),
    MOV_SS_TRAPS_MERGE("The {traps} trap held by the MOV SS shadow stays pending and merges with this instruction's traps into "
            + "one #DB (SDM 6.8.3).", "SDM Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks)"),
    SHADOW_ENDS("The {shadow} shadow ends with this instruction.",
            "SDM Vol. 3A 6.8.3 (Masking Exceptions and Interrupts When Switching Stacks); SDM Vol. 2B STI"),
    RF_CLEARED("RF is cleared because the instruction completed (SDM 18.3.1.1).",
            "SDM Vol. 3B 18.3.1.1 (Instruction-Breakpoint Exception Condition)"),
    // Arithmetic and DataTransfer on a saved RFLAGS image
    FRAME_RFLAGS_EDIT("{verb} {flags} in the quadword at {where}{slot}; the live RFLAGS change only when that image is loaded.",
            "SDM Vol. 3A 6.14.2 (64-Bit Mode Stack Frame); Vol. 2A IRET; Vol. 2B POPF"),
    PLAIN("{now}no interrupt or debug rule applies to this instruction.", "SDM Vol. 2 (Instruction Set Reference)");

    private final Text text;

    /** Returns whether this is an instruction's own rule, said first, rather than one of its retirement. */
    public boolean own() {
        return ordinal() < SINGLE_STEP_TRAP_PENDING.ordinal();
    }

    /** Returns whether this is a rule of the instruction's retirement ({@link Retirement}). */
    public boolean retirement() {
        return ordinal() >= SINGLE_STEP_TRAP_PENDING.ordinal() && ordinal() <= RF_CLEARED.ordinal();
    }

    /**
     * Returns the shadow an instruction that followed this own rule starts, before retirement: STI
     * that set IF, and every MOV to SS ({@link Retirement} does not re-arm one right after a MOV SS).
     */
    Shadow starts() {
        return this == STI_SHADOW_STARTED ? Shadow.STI : this == MOV_SS_SHADOW_STARTED ? Shadow.MOV_SS : Shadow.NONE;
    }

    InstructionRule(String sentence, String source) {
        this.text = new Text(sentence, source);
    }

    @Override public Text text() { return text; }
}
