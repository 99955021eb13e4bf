package dev.shadowstep.scenario;

import dev.shadowstep.core.asm.Spelling;
import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code expect}: a list of one-key maps, {@code - db: {at: label, dr6: 0xffff4ff0}} or {@code - outcome: completed}. */
final class ExpectReader {

    /** The fields each event kind may check, as the trace format names them; {@code count} fits every kind. */
    static final Map<Event.Type, List<String>> FIELDS = fields();
    private static final Map<String, Event.Type> TYPES = types();
    private static final Map<String, Outcome.Status> STATUSES = statuses();

    private ExpectReader() {}

    private static Map<Event.Type, List<String>> fields() {
        Map<Event.Type, List<String>> fields = new EnumMap<>(Event.Type.class);
        fields.put(Event.Type.DB, List.of("at", "dr6", "cause", "via", "count"));
        fields.put(Event.Type.BP, List.of("at", "via", "count"));
        fields.put(Event.Type.EXCEPTION, List.of("vector", "at", "via", "count"));
        fields.put(Event.Type.IRQ, List.of("vector", "at", "via", "count"));
        fields.put(Event.Type.NMI, List.of("at", "via", "count"));
        fields.put(Event.Type.VMEXIT, List.of("reason", "qualification", "at", "count"));
        fields.put(Event.Type.VMENTRY_FAILED, List.of("reason", "check", "count"));
        fields.put(Event.Type.EXIT_TO_HOST, List.of("exit", "exception", "pc", "dr6", "dr7", "port", "io", "value", "at", "count"));
        return fields;
    }

    private static Map<String, Event.Type> types() {
        Map<String, Event.Type> types = new LinkedHashMap<>();
        for (Event.Type type : Event.Type.values()) types.put(type.wireName(), type);
        return types;
    }

    private static Map<String, Outcome.Status> statuses() {
        Map<String, Outcome.Status> statuses = new LinkedHashMap<>();
        for (Outcome.Status status : Outcome.Status.values()) statuses.put(status.wireName(), status);
        return statuses;
    }

    /** Returns the items in order, or null after reporting errors. */
    static List<ExpectItem> read(Node node, String path, Errors errors) {
        List<Node> items = Values.list(node, path, errors, "a list of events, e.g. - db: {at: label}");
        if (items == null) return null;
        int before = errors.size();
        List<ExpectItem> expect = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ExpectItem item = item(items.get(i), Paths.index(path, i), errors);
            if (item != null) expect.add(item);
        }
        return errors.size() > before ? null : expect;
    }

    private static ExpectItem item(Node node, String path, Errors errors) {
        if (!(node instanceof Node.MapNode map) || map.entries().isEmpty()) {
            errors.add(path, node.location(), "expected an item naming one event, e.g. - db: {at: label} or "
                    + "- outcome: completed, found " + (node instanceof Node.MapNode ? "an empty map" : node.describe()));
            return null;
        }
        if (map.entries().size() > 1) {
            Node.Entry second = map.entries().get(1);
            errors.add(Paths.key(path, second.key()), second.keyLocation(), "an expect item names one event, but this "
                    + "one also has '" + second.key() + "'; start it as a new item with '- ', or put the field "
                    + "inside the braces of '" + map.entries().getFirst().key() + "'");
            return null;
        }
        Node.Entry entry = map.entries().getFirst();
        String kindPath = Paths.key(path, entry.key());
        int line = node.location().line();
        if (entry.key().equals("outcome")) {
            Outcome.Status status = Values.word(entry.value(), kindPath, errors, STATUSES);
            return status == null ? null : new ExpectItem.OutcomeExpect(status, path, line);
        }
        Event.Type type = TYPES.get(entry.key());
        if (type == null) {
            errors.add(kindPath, entry.keyLocation(), "unknown expect kind '" + entry.key() + "';"
                    + Spelling.didYouMean(entry.key(), allKinds()) + " kinds: " + String.join(", ", allKinds()));
            return null;
        }
        return event(type, entry.value(), kindPath, path, line, errors);
    }

    private static List<String> allKinds() {
        List<String> kinds = new ArrayList<>(TYPES.keySet());
        kinds.add("outcome");
        return kinds;
    }

    private static ExpectItem event(Event.Type type, Node fields, String kindPath, String path, int line,
                                    Errors errors) {
        if (fields instanceof Node.Scalar s && s.kind() == Node.Kind.NULL) {
            return new ExpectItem.EventExpect(type, EventPattern.ANY, null, path, line);
        }
        Fields f = Fields.of(fields, kindPath, errors, FIELDS.get(type));
        if (f == null) return null;
        int before = errors.size();
        EventPattern pattern = PatternReader.read(f);
        Integer count = f.has("count") ? Values.smallInt(f.get("count"), f.path("count"), errors, IntRange.COUNT) : null;
        if (errors.size() > before) return null;
        return new ExpectItem.EventExpect(type, pattern, count, path, line);
    }
}
