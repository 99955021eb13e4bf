/**
 * Review assists: the questions a reviewer asks of an experiment, answered by its run.
 *
 * <pre>
 * Findings.of(Scenario, Trace[, Rerun]) -> List&lt;Finding&gt;   (ScenarioRunner.run attaches them to the trace)
 *   HandlerWalk      one pass over the steps' kinds and RIPs; handler frames pushed by deliveries,
 *                    popped by IRETs (IretSites): missing_eoi, db_in_shadow, irq_after_iret_shadow
 *   ApicAtEnd        in_service_at_end (ISR of the last step)
 *   StickyDr6        dr6_not_cleared (events only)
 *   HandlerCoverage  handler_never_ran (idt against the events)
 *   ExpectChecks     expect_unmatched (the expectation results), no_expect
 *   PastedC          pasted_c: the assembler's one notice about pasted C (skipped lines, C effects, operands)
 *   FixProbe         entry_needs_fix: kvm-vmx runs again with one KVM fix off (through Rerun)
 *   FindingSink      keeps a finding that repeats at one site once, with its count
 * SuggestedExpect.yaml(Trace, symbols) -> the expect block the run satisfies
 * </pre>
 *
 * Finding = (step | none, kind, severity: warning | info, message); the record and its wire
 * names are in {@code dev.shadowstep.trace.Finding}, documented in src/docs/trace-format.md.
 */
package dev.shadowstep.findings;
