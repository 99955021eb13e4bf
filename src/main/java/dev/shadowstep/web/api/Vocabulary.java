package dev.shadowstep.web.api;

import dev.shadowstep.core.asm.Mnemonics;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.cpu.Rule;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.run.Rules;
import dev.shadowstep.scenario.ScenarioKeys;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Lane;
import dev.shadowstep.trace.Runner;
import dev.shadowstep.trace.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one vocabulary the browser reads ({@code /api/vocabulary.json}, frontend/src/vocabulary.js):
 * event letters, shapes and names ({@link Event.Type}), vector names ({@link Vectors}), lane names
 * ({@link Lane}), who runs a step ({@link Runner}: names, letters, colours), shadow names, every rule's sentence and source ({@link Rules}), and for the
 * editor the mnemonics of the supported subset with what each does ({@link Mnemonics}) and the
 * scenario keys by section ({@link ScenarioKeys}).
 */
public final class Vocabulary {
    private Vocabulary() {}

    /** Returns the vocabulary as JSON-ready maps and lists, in a stable order. */
    public static Json of() {
        Map<String, EventWords> events = new LinkedHashMap<>();
        for (Event.Type t : Event.Type.values()) {
            events.put(t.wireName(), new EventWords(t.letter(), t.shape(), t.noun()));
        }
        Map<String, String> vectors = new LinkedHashMap<>();
        for (int v = 0; v < Vectors.NAMED; v++) {
            vectors.put(String.valueOf(v), Vectors.mnemonic(v));
        }
        List<LaneWords> lanes = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            lanes.add(new LaneWords(lane.id(), lane.label(), lane.title(), lane.group(), lane.vmx()));
        }
        Map<String, RunnerWords> runners = new LinkedHashMap<>();
        for (Runner r : Runner.values()) {
            runners.put(r.id(), new RunnerWords(r.label(), r.letter(), r.title(), r.light(), r.dark()));
        }
        Map<String, String> shadows = new LinkedHashMap<>();
        for (State.Shadow s : State.Shadow.values()) {
            shadows.put(s.name().toLowerCase(Locale.ROOT), Lane.shadowName(s));  // the trace's wire name
        }
        Map<String, RuleWords> rules = new LinkedHashMap<>();
        for (Rule r : Rules.ALL) {
            rules.put(r.name(), new RuleWords(r.sentence(), r.source()));
        }
        Map<String, MnemonicWords> mnemonics = new LinkedHashMap<>();
        for (Map.Entry<String, Op> m : Mnemonics.all().entrySet()) {
            mnemonics.put(m.getKey(), new MnemonicWords(m.getValue().does(), m.getValue().sdm()));
        }
        return new Json(events, vectors, lanes, runners, shadows, rules, mnemonics, ScenarioKeys.all());
    }

    /** The JSON's top level, in this order (records keep their fields' order, so the JSON is stable). */
    public record Json(Map<String, EventWords> events, Map<String, String> vectors, List<LaneWords> lanes,
                       Map<String, RunnerWords> runners, Map<String, String> shadows, Map<String, RuleWords> rules,
                       Map<String, MnemonicWords> mnemonics, Map<String, List<String>> scenarioKeys) {}

    /** A mnemonic: one line of what it does to the modelled state, and its SDM reference. */
    public record MnemonicWords(String does, String source) {}

    /** An event type's timeline marker and name. */
    public record EventWords(String letter, String shape, String name) {}

    /** A lane: its id in the URL, short name, title, colour group and whether it exists only under a hypervisor. */
    public record LaneWords(String id, String name, String title, String group, boolean vmx) {}

    /** Who runs a step (by its wire name in {@code runs}): the band's name, its one-letter form, title, and colours for the light and dark themes. */
    public record RunnerWords(String name, String letter, String title, String light, String dark) {}

    /** A rule's sentence and public source. */
    public record RuleWords(String sentence, String source) {}
}
