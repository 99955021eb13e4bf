/**
 * Instruction boundaries: what is delivered, when, and how.
 *
 * <pre>
 * Machine.run():  per boundary
 *     host actions due (AtAddress, AtStep)               -> host step
 *     BoundaryArbiter.resolve(CpuState) -> Decision
 *         DELIVER(Interruption)  -> IdtDelivery.deliver   -> deliver step
 *         STAY_HALTED            -> WhenHalted action, or the run is completed
 *         VM_EXIT(BoundaryExit)  -> Vmm.exit (VMX non-root operation only)
 *         PROCEED                -> fetch, Executor       -> insn step, or a fault / INT n delivered
 * Decision     = (verdict, Interruption delivery, wakes, why, held lines, their rules, BoundaryExit exit)
 * Interruption = (Source DEBUG_TRAP|CODE_BREAKPOINT|GENERAL_DETECT|ICEBP|INT3|INT_N|FAULT|IRQ|NMI,
 *                 vector, errorCode, pushedRip, dbCauses, cr2, why)
 * RunEnd       = (COMPLETED|UNHANDLED|VMENTRY_FAILED|STEP_LIMIT|ERROR, steps, final state, message)
 *
 * With a Vmm (VMX non-root operation), the machine asks it where hardware decides:
 *     Vmm.start                  the first VM entry
 *     injected event             delivered first after an entry (Interruption.injected)
 *     Vmm.armedExits -> BoundaryArbiter  below row 4: preemption timer, NMI window, interrupt window, host
 *                                interrupt (BoundaryExit) -> VM_EXIT -> Vmm.boundaryExit -> Vmm.exit
 *     Vmm.intercepts(Interruption) exception bitmap -> Vmm.exit
 *     Platform -> Exited(VmExit) exiting instructions -> Vmm.exit
 *     Vmm.ownsHalt/canWake       a vCPU halted in the VMM (KVM's kvm_vcpu_block)
 *     VmmContext.step(HostStep)  host-lane steps: VMEXIT | VMENTRY | HOST, with VmcsFields and a HostEvent
 * </pre>
 *
 * The arbiter is the only place that decides; it reads like SDM Vol. 3 Table 6-2, one block
 * per row. See src/docs/core.md for the model's choices and deviations.
 */
package dev.shadowstep.core.event;
