/**
 * The scenario file format, version 1 (docs/scenario-format.md): reading it strictly, with
 * every error located, and checking a run against its {@code expect} list.
 *
 * <pre>
 * Scenario    = (format, title, summary, program, programLine, data, CpuSetup, ApicSetup,
 *                idt: vector -> IdtEntry(Address handler, Gate), Hypervisor?, HostAction*, ExpectItem*, Limits)
 * Address     = Absolute(long) | LabelRef(label, offset, path, line, column)
 * Hypervisor  = (Kind kvm-vmx|vmx, forcedEmulation, KvmFixes, GuestDebugFlag*, HostDebugRegs, VmcsSetup?)
 * HostAction  = (Trigger, Effect);  Trigger = At(Address) | AtStep(int) | WhenHalted
 *                                   Effect  = RaiseIrq(vector) | RaiseNmi | SetRegs(rip?, ripAdd, rflags?, set, clear, regs)
 *                                           | SetDebugRegs(dr0..dr3?, dr6?, dr7?)
 * ExpectItem  = EventExpect(Event.Type, EventPattern, count?) | OutcomeExpect(Outcome.Status)
 * </pre>
 *
 * <p>Reading goes text -> {@link dev.shadowstep.scenario.NodeReader} (token stream into a tree that
 * keeps line and column) -> {@link dev.shadowstep.scenario.ScenarioReader} and one reader per
 * section -> immutable records. The same tree, without loading, is a
 * {@link dev.shadowstep.scenario.ScenarioDocument}: {@code locate(path)} -> line and column, and the
 * facts pages show (title, summary, tags, max_steps). Entry points: {@link dev.shadowstep.scenario.ScenarioLoader#load},
 * {@link dev.shadowstep.scenario.ScenarioLabels#check}, {@link dev.shadowstep.scenario.ExpectMatcher#match}.
 */
package dev.shadowstep.scenario;
