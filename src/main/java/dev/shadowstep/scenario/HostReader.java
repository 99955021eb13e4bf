package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code host}: a list of actions, each with exactly one trigger and exactly one effect. */
final class HostReader {

    static final List<String> TRIGGERS = List.of("at", "at_step", "when_halted", "on_exit");
    static final List<String> EFFECTS = List.of("raise_irq", "raise_nmi", "set_regs", "set_debugregs", "set_guest_debug",
            "stop");
    static final List<String> KEYS = List.of("at", "at_step", "when_halted", "on_exit", "raise_irq", "raise_nmi",
            "set_regs", "set_debugregs", "set_guest_debug", "stop", "note");
    /** Effects only userspace has between two KVM_RUNs. */
    private static final List<String> BETWEEN_RUNS = List.of("set_guest_debug", "stop");

    /** What the scenario runs under, for the checks of on_exit and its effects. */
    enum Platform { BARE_OR_VMX, KVM, UNKNOWN }

    private HostReader() {}

    /** Returns the actions in order, or null after reporting errors. */
    static List<HostAction> read(Node node, String path, Errors errors, Platform platform) {
        List<Node> items = Values.list(node, path, errors, "a list of actions, e.g. - {at_step: 12, raise_nmi: true}");
        if (items == null) return null;
        int before = errors.size();
        List<HostAction> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            HostAction action = action(items.get(i), Paths.index(path, i), errors, platform);
            if (action != null) actions.add(action);
        }
        return errors.size() > before ? null : actions;
    }

    private static HostAction action(Node node, String path, Errors errors, Platform platform) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        int before = errors.size();
        boolean triggerOk = exactlyOne(f, TRIGGERS, "trigger", "at: label, at_step: N, when_halted: true or "
                + "on_exit: {reason: debug, nth: 1}");
        boolean effectOk = exactlyOne(f, EFFECTS, "effect", "raise_irq: vector, raise_nmi: true, set_regs: {...}, "
                + "set_debugregs: {...}, set_guest_debug: {...} or stop: true");
        HostAction.Trigger trigger = triggerOk ? trigger(f) : null;
        HostAction.Effect effect = effectOk ? effect(f) : null;
        String note = f.has("note") ? note(f) : null;
        checkPhases(f, platform);
        if (trigger == null || effect == null || errors.size() > before) return null;
        return new HostAction(trigger, effect, path, node.location().line(), note);
    }

    /** on_exit needs KVM (exits to userspace are KVM_RUN's); set_guest_debug and stop happen only between two KVM_RUNs. */
    private static void checkPhases(Fields f, Platform platform) {
        if (f.has("on_exit") && platform == Platform.BARE_OR_VMX) {
            f.errors().add(f.path("on_exit"), f.keyLocation("on_exit"), "on_exit reacts to KVM_RUN returning to userspace, "
                    + "which needs hypervisor: {kind: kvm-vmx}; on bare metal (or kind: vmx) use at: label or at_step: N");
        }
        for (String key : BETWEEN_RUNS) {
            if (f.has(key) && !f.has("on_exit") && (f.has("at") || f.has("at_step") || f.has("when_halted"))) {
                f.errors().add(f.path(key), f.keyLocation(key), key + " is something userspace does between two KVM_RUNs "
                        + "(the vCPU is not running then), so it needs the trigger on_exit: {reason: debug, nth: N}");
            }
        }
    }

    /** A note is one line shown in the step's why: the selftest line the action stands for. */
    private static String note(Fields f) {
        String text = Values.text(f.get("note"), f.path("note"), f.errors());
        if (text == null) return null;
        if (text.isBlank() || text.contains("\n") || text.length() > 200) {
            f.errors().add(f.path("note"), f.get("note").location(), "a note is one line of at most 200 characters (the "
                    + "selftest line the action stands for, e.g. note: \"vcpu_skip_insn(vcpu, 1)\")");
            return null;
        }
        return text.strip();
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
        if (f.has("on_exit")) return PhaseReader.onExit(f.get("on_exit"), f.path("on_exit"), errors);
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
        if (f.has("set_guest_debug")) {
            return PhaseReader.setGuestDebug(f.get("set_guest_debug"), f.path("set_guest_debug"), f.errors());
        }
        if (f.has("stop")) return mustBeTrue(f, "stop") ? new HostAction.Stop() : null;
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
