package dev.shadowstep.web.switches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way to run a scenario: switches to set before running it, written in URLs as
 * {@code reinject_db_sets_bs=off,db_gate=trap}. The empty variant runs the scenario as written.
 *
 * @param settings the switches in the order they are applied (the hypervisor first, since fixes need it)
 */
public record Variant(Map<Switch, String> settings) {

    /** The scenario as written. */
    public static final Variant AS_WRITTEN = new Variant(Map.of());

    public Variant {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Returns a variant with one switch set. */
    public static Variant of(Switch sw, String value) {
        return new Variant(Map.of(sw, sw.normalize(value).orElseThrow(() -> new SwitchException(
                "'" + value + "' is not a value of " + sw.wireName() + ": use " + String.join(" or ", sw.choices())))));
    }

    /**
     * Returns the variant a URL parameter describes; blank means as written.
     *
     * @throws SwitchException naming the part that is wrong and what is allowed
     */
    public static Variant parse(String spec) {
        if (spec == null || spec.isBlank()) return AS_WRITTEN;
        Map<Switch, String> settings = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new SwitchException("'" + p + "' needs a value: write name=value, e.g. reinject_db_sets_bs=off");
            }
            String name = p.substring(0, eq).strip();
            Switch sw = Switch.named(name).orElseThrow(() -> new SwitchException(
                    "'" + name + "' is not a switch: use one of " + Switch.allNames()));
            if (settings.containsKey(sw)) throw new SwitchException(name + " is set twice in '" + spec + "': set it once");
            settings.put(sw, of(sw, p.substring(eq + 1)).settings().get(sw));
        }
        // order by the enum: the hypervisor comes before the KVM settings that need it
        Map<Switch, String> ordered = new LinkedHashMap<>();
        for (Switch sw : Switch.values()) if (settings.containsKey(sw)) ordered.put(sw, settings.get(sw));
        return new Variant(ordered);
    }

    /** Returns the scenario text with this variant's switches set. @throws SwitchException as {@link SwitchEditor#set} */
    public String apply(String text) {
        String result = text;
        for (Map.Entry<Switch, String> e : settings.entrySet()) {
            result = SwitchEditor.set(result, e.getKey(), e.getValue());
        }
        return result;
    }

    /** Returns the URL form, {@code name=value,...}; empty when as written. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        settings.forEach((sw, v) -> parts.add(sw.wireName() + "=" + v));
        return String.join(",", parts);
    }

    /** Returns the variant in words ({@link Switch#phrase}): {@code as written}, or {@code reinject_db_sets_bs off, a trap gate for #DB}. */
    public String describe() {
        if (settings.isEmpty()) return "as written";
        List<String> parts = new ArrayList<>();
        settings.forEach((sw, v) -> parts.add(sw.phrase(v)));
        return String.join(", ", parts);
    }
}
