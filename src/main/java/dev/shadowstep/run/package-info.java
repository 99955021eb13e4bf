/**
 * Turns a core run into the public trace.
 *
 * <pre>
 * ScenarioRunner.run(Scenario, id) -> Trace      (assemble, MachineSetup, HypervisorSetup.vmm, run, ExpectMatcher)
 * CoreRun.run(Program, MachineSetup, Vmm or null, ref) -> Result(Trace, RunEnd)
 * StepRecorder (a StepListener): columns kind byte | rip long | changed-field mask int | new values long[],
 *                                a full CpuState every 256 steps; deliveries and host steps keep their texts;
 *                                the VMCS fields are rare records (step index, VmcsFields) found by binary search;
 *                                guest memory writes are columns too (step, address, size, old, new), appended
 *                                by Memory's write listener only when a step writes
 * RecordedSteps (a trace Steps): rebuilds a step's state from the nearest checkpoint; an instruction's
 *                                why (InstructionWhy) and held lines (BoundaryArbiter.explain) are worked out
 *                                again from the states before and after it
 * Bench: the 10M-step recording benchmark
 * </pre>
 */
package dev.shadowstep.run;
