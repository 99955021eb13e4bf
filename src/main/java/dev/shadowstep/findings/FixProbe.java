package dev.shadowstep.findings;

import dev.shadowstep.scenario.Hypervisor;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Finds {@code entry_needs_fix}: under {@code hypervisor: {kind: kvm-vmx}}, a VM entry that
 * succeeds only because a KVM fix is on. For each fix that is on, the scenario is run again with
 * that fix off; a {@code vmentry_failed} event there, at a step where the run under review has
 * none, is the entry that needed the fix (KVM commit c5bad4fa2d5d; SDM Vol. 3C 26.3.1.5; KVM commit b9bed78e2fa9: without the BS refresh,
 * TF=1 with STI blocking fails the pending-debug-exceptions check).
 *
 * <p>Re-runs cost one run per fix, so they happen only for runs that deliver a #DB: both fixes
 * are about the PENDING_DBG.BS bit of an injected #DB.
 */
final class FixProbe {
    /** The KVM fixes of scenario-format.md {@code hypervisor.fixes}, by their key. */
    enum Fix {
        REINJECT_DB_SETS_BS("reinject_db_sets_bs", "the 2022 fix: KVM sets PENDING_DBG.BS when it re-injects an "
                + "intercepted #DB in an STI or MOV SS shadow"),
        EMULATED_DB_SETS_BS("emulated_db_sets_bs", "the 2026 fix: KVM refreshes PENDING_DBG.BS on every #DB it "
                + "injects, emulated STI and MOV SS with TF=1 included");

        final String key;
        final String what;

        Fix(String key, String what) {
            this.key = key;
            this.what = what;
        }

        boolean isOn(Hypervisor.KvmFixes fixes) {
            return this == REINJECT_DB_SETS_BS ? fixes.reinjectDbSetsBs() : fixes.emulatedDbSetsBs();
        }

        Hypervisor.KvmFixes off(Hypervisor.KvmFixes fixes) {
            return this == REINJECT_DB_SETS_BS ? new Hypervisor.KvmFixes(false, fixes.emulatedDbSetsBs())
                    : new Hypervisor.KvmFixes(fixes.reinjectDbSetsBs(), false);
        }
    }

    private FixProbe() {}

    static void check(Scenario scenario, Trace trace, Rerun rerun, FindingSink sink) {
        Hypervisor hv = scenario.hypervisor();
        if (hv == null || hv.kind() != Hypervisor.Kind.KVM_VMX || hv.fixes() == null) return;
        if (trace.events().stream().noneMatch(e -> e.type() == Event.Type.DB)) return;
        for (Fix fix : Fix.values()) {
            if (!fix.isOn(hv.fixes())) continue;
            Trace without = rerun.run(with(scenario, h -> new Hypervisor(h.kind(), h.forcedEmulation(),
                    fix.off(h.fixes()), h.guestDebug(), h.debugregs(), h.vmcs())));
            Event failed = firstNewFailure(trace.events(), without.events());
            if (failed == null) continue;
            String check = failed.check() != null ? failed.check()
                    : failed.reason() != null ? "reason " + failed.reason() : "the VM-entry checks";
            sink.add(failed.step(), Finding.Kind.ENTRY_NEEDS_FIX, Finding.Severity.INFO, fix.ordinal(), () ->
                    "Without fixes." + fix.key + " this VM entry fails (" + check + "): a re-run with the fix off "
                            + "ends in vmentry_failed at step " + failed.step() + ". It passes because of "
                            + fix.what + " (KVM commit c5bad4fa2d5d; SDM Vol. 3C 26.3.1.5).");
        }
    }

    /** Returns the first vmentry_failed of the re-run at a step where the run under review has none. */
    private static Event firstNewFailure(List<Event> original, List<Event> rerun) {
        for (Event e : rerun) {
            if (e.type() != Event.Type.VMENTRY_FAILED) continue;
            boolean there = original.stream().anyMatch(o -> o.type() == Event.Type.VMENTRY_FAILED && o.step() == e.step());
            if (!there) return e;
        }
        return null;
    }

    private static Scenario with(Scenario s, UnaryOperator<Hypervisor> change) {
        return new Scenario(s.format(), s.title(), s.summary(), s.program(), s.programLine(), s.data(), s.cpu(),
                s.apic(), s.idt(), change.apply(s.hypervisor()), s.host(), s.expect(), s.limits(), s.lesson(), s.questions());
    }
}
