/**
 * The CPU: its state as immutable values and the step function that executes one decoded
 * instruction.
 *
 * <pre>
 * CpuState   = (rip, rflags, Regs, cpl, ss, Shadow NONE|STI|MOV_SS, dr0..dr3, dr6, dr7, debugctl, ControlRegisters(cr0, cr3, cr4), cr2,
 *               pendingDb, nmiPending, nmiBlocked, Activity ACTIVE|HLT, Apic)
 * ExecResult = Retired(CpuState next, Shadow creates, InstructionRule rule) | Fault(CpuFault, CpuState from) | SoftwareInterrupt(kind, vector, nextRip)
 *            | Exited(VmExit(reason, qualification, interruptionInfo, errorCode, instructionLength))  (VMX non-root)
 * Executor.execute(CpuState, Instruction, Memory, Platform) -> ExecResult
 *     handlers by family: DataTransfer, Arithmetic, ControlTransfer, FlagControl, DebugRegisterAccess, ControlRegisterAccess;
 *     each returns its own InstructionRule (or null), the Platform's Retired carries one too
 *     exit-prone instructions (CPUID, HLT, RDMSR, WRMSR, IN, OUT, VMCALL, UD2, invalid bytes) -> Platform
 *     (BareMetal here; core.kvm and core.vmx turn them into VM exits); MOV DR asks Platform.movDr (MOV-DR exiting), MOV CR Platform.movCr (CR-access exiting)
 * Executor.executeWithoutRetirement: the raw effect, for KVM's emulator, which applies its own retirement rules
 * Retirement.complete: single-step trap (TF sampled at the start), data breakpoints, RF, the shadow;
 *     returns the Retired with the step's rule (the own rule, else the first retirement rule, else PLAIN)
 * </pre>
 *
 * Memory is the one mutable part: the program image from 0x401000 and a 16 KiB stack ending at
 * 0x800000; anything else is a #PF with CR2.
 */
package dev.shadowstep.core.cpu;
