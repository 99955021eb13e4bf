/**
 * Instruction boundaries: what is delivered, when, and how.
 *
 * <pre>
 * Machine.run():  per boundary
 *     host actions due (AtAddress, AtStep)               -> host step
 *     BoundaryArbiter.resolve(CpuState) -> Decision
 *         DELIVER(Interruption)  -> IdtDelivery.deliver   -> deliver step
 *         STAY_HALTED            -> WhenHalted action, or the run is completed
 *         PROCEED                -> fetch, Executor       -> insn step, or a fault / INT n delivered
 * Decision     = (verdict, Interruption delivery, wakes, why, held lines)
 * Interruption = (Source DEBUG_TRAP|CODE_BREAKPOINT|GENERAL_DETECT|ICEBP|INT3|INT_N|FAULT|IRQ|NMI,
 *                 vector, errorCode, pushedRip, dbCauses, cr2, why)
 * RunEnd       = (COMPLETED|UNHANDLED|STEP_LIMIT|ERROR, steps, final state, message)
 * </pre>
 *
 * The arbiter is the only place that decides; it reads like SDM Vol. 3 Table 6-2, one block
 * per row. See docs/core.md for the model's choices and deviations.
 */
package dev.shadowstep.core.event;
