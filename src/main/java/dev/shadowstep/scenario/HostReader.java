package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code host}: a list of actions, each with exactly one trigger and exactly one effect. */
final class HostReader {

    static final List<String> TRIGGERS = List.of("at", "at_step", "when_halted");
    static final List<String> EFFECTS = List.of("raise_irq", "raise_nmi", "set_regs", "set_debugregs");
    static final List<String> KEYS = List.of("at", "at_step", "when_halted", "raise_irq", "raise_nmi", "set_regs",
            "set_debugregs");

    private HostReader() {}

    /** Returns the actions in order, or null after reporting errors. */
    static List<HostAction> read(Node node, String path, Errors errors) {
        List<Node> items = Values.list(node, path, errors, "a list of actions, e.g. - {at_step: 12, raise_nmi: true}");
        if (items == null) return null;
        int before = errors.size();
        List<HostAction> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            HostAction action = action(items.get(i), Paths.index(path, i), errors);
            if (action != null) actions.add(action);
        }
        return errors.size() > before ? null : actions;
    }

    private static HostAction action(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        boolean triggerOk = exactlyOne(f, TRIGGERS, "trigger", "at: label, at_step: N or when_halted: true");
        boolean effectOk = exactlyOne(f, EFFECTS, "effect", "raise_irq: vector, raise_nmi: true, set_regs: {...} or set_debugregs: {...}");
        HostAction.Trigger trigger = triggerOk ? trigger(f) : null;
        HostAction.Effect effect = effectOk ? effect(f) : null;
        if (trigger == null || effect == null) return null;
        return new HostAction(trigger, effect, path, node.location().line());
    }

    /** Reports a missing or second trigger (or effect); the second one is where the mistake is. */
    private static boolean exactlyOne(Fields f, List<String> keys, String what, String choices) {
        List<String> present = keys.stream().filter(f::has).toList();
        if (present.isEmpty()) {
            f.errors().add(f.path(), f.location(), "the action has no " + what + "; add one of " + choices);
            return false;
        }
        if (present.size() > 1) {
            String second = present.get(1);
            f.errors().add(f.path(second), f.keyLocation(second), "the action has two " + what + "s ("
                    + String.join(" and ", present) + "); an action has exactly one, so split it into two actions");
            return false;
        }
        return true;
    }

    private static HostAction.Trigger trigger(Fields f) {
        Errors errors = f.errors();
        if (f.has("at")) {
            Address at = Values.address(f.get("at"), f.path("at"), errors);
            return at == null ? null : new HostAction.At(at);
        }
        if (f.has("at_step")) {
            Integer step = Values.smallInt(f.get("at_step"), f.path("at_step"), errors, IntRange.of(0, Integer.MAX_VALUE,
                    "a step index"));
            return step == null ? null : new HostAction.AtStep(step);
        }
        return mustBeTrue(f, "when_halted") ? new HostAction.WhenHalted() : null;
    }

    private static HostAction.Effect effect(Fields f) {
        if (f.has("raise_irq")) {
            Integer vector = Values.smallInt(f.get("raise_irq"), f.path("raise_irq"), f.errors(), IntRange.IRQ_VECTOR);
            return vector == null ? null : new HostAction.RaiseIrq(vector);
        }
        if (f.has("set_regs")) return RegisterEffectReader.setRegs(f.get("set_regs"), f.path("set_regs"), f.errors());
        if (f.has("set_debugregs")) {
            return RegisterEffectReader.setDebugRegs(f.get("set_debugregs"), f.path("set_debugregs"), f.errors());
        }
        return mustBeTrue(f, "raise_nmi") ? new HostAction.RaiseNmi() : null;
    }

    /** A flag key names its trigger or effect; {@code false} would be an action that never does anything. */
    private static boolean mustBeTrue(Fields f, String key) {
        Boolean value = Values.bool(f.get(key), f.path(key), f.errors());
        if (Boolean.FALSE.equals(value)) {
            f.errors().add(f.path(key), f.get(key).location(), key + ": false makes the action do nothing; "
                    + "write " + key + ": true, or remove the action");
            return false;
        }
        return value != null;
    }
}
