package dev.shadowstep.scenario;

import dev.shadowstep.core.asm.Spelling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks the labels a scenario names against the program's symbols, once the program is assembled. */
public final class ScenarioLabels {

    private ScenarioLabels() {}

    /** Returns one error per label reference the symbols do not define, in file order, with spelling hints. */
    public static List<ScenarioError> check(Scenario scenario, Set<String> symbols) {
        List<ScenarioError> errors = new ArrayList<>();
        for (Address.LabelRef ref : references(scenario)) {
            if (!symbols.contains(ref.label())) {
                errors.add(new ScenarioError(ref.path(), ref.line(), ref.column(), unknown(ref.label(), symbols)));
            }
        }
        errors.sort(Comparator.comparingInt(ScenarioError::line).thenComparingInt(ScenarioError::column));
        return errors;
    }

    private static String unknown(String label, Set<String> symbols) {
        String message = "unknown label '" + label + "';";
        String hint = Spelling.didYouMean(label, symbols);
        if (!hint.isEmpty()) return message + hint;
        if (symbols.isEmpty()) return message + " the program defines no labels; add '" + label + ":' before "
                + "the instruction it should name";
        List<String> known = new ArrayList<>(new TreeSet<>(symbols));
        String shown = String.join(", ", known.subList(0, Math.min(12, known.size())));
        return message + " the program defines " + shown + (known.size() > 12 ? ", ..." : "");
    }

    /** Returns every label reference in the scenario: cpu, idt, hypervisor, host, expect, lesson points and question choices. */
    static List<Address.LabelRef> references(Scenario s) {
        List<Address> addresses = new ArrayList<>();
        addresses.add(s.cpu().rip());
        addresses.addAll(s.cpu().dr());
        s.idt().values().forEach(entry -> addresses.add(entry.handler()));
        if (s.hypervisor() != null) addresses.addAll(s.hypervisor().debugregs().dr());
        for (HostAction action : s.host()) {
            if (action.trigger() instanceof HostAction.At at) addresses.add(at.address());
            if (action.effect() instanceof HostAction.SetRegs r) addresses.add(r.rip());
            if (action.effect() instanceof HostAction.SetDebugRegs d) addresses.addAll(d.dr());
            if (action.effect() instanceof HostAction.SetGuestDebug g) addresses.addAll(g.dr());
        }
        for (ExpectItem item : s.expect()) {
            if (item instanceof ExpectItem.EventExpect e) {
                addresses.add(e.pattern().at());
                addresses.add(e.pattern().pc());
            }
        }
        List<StepRef> steps = new ArrayList<>();
        if (s.lesson() != null) steps.addAll(s.lesson().points());
        for (Question q : s.questions()) {
            addresses.addAll(q.choices());
            steps.add(q.reveal());
        }
        for (StepRef step : steps) {
            if (step instanceof StepRef.FirstAt at) addresses.add(at.at());
        }
        List<Address.LabelRef> refs = new ArrayList<>();
        for (Address address : addresses) {
            if (address instanceof Address.LabelRef ref) refs.add(ref);
        }
        return refs;
    }
}
