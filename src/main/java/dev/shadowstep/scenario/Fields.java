package dev.shadowstep.scenario;

import dev.shadowstep.core.asm.Spelling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A map node seen as the fields of one section. Creating it reports every key the section does
 * not know: a typo must not silently change an experiment.
 */
final class Fields {

    private final Node.MapNode map;
    private final String path;
    private final Errors errors;
    private final Map<String, Node.Entry> known = new LinkedHashMap<>();

    private Fields(Node.MapNode map, String path, Errors errors) {
        this.map = map;
        this.path = path;
        this.errors = errors;
    }

    /** Returns the node's fields, or null after reporting that it is not a map; reports unknown keys. */
    static Fields of(Node node, String path, Errors errors, List<String> allowed) {
        if (!(node instanceof Node.MapNode map)) {
            String name = path.isEmpty() ? "the scenario" : path;
            errors.add(path, node.location(), "expected " + name + " to be a map (keys: " + String.join(", ", allowed)
                    + "), found " + node.describe());
            return null;
        }
        Fields fields = new Fields(map, path, errors);
        for (Node.Entry entry : map.entries()) {
            if (allowed.contains(entry.key())) {
                fields.known.put(entry.key(), entry);
            } else {
                String where = path.isEmpty() ? "at the top level" : "in " + path;
                errors.add(Paths.key(path, entry.key()), entry.keyLocation(), "unknown key '" + entry.key() + "' "
                        + where + ";" + Spelling.didYouMean(entry.key(), allowed)
                        + " allowed keys: " + String.join(", ", allowed));
            }
        }
        return fields;
    }

    /** Returns the value of a key, or null when it is absent. */
    Node get(String key) {
        Node.Entry entry = known.get(key);
        return entry == null ? null : entry.value();
    }

    boolean has(String key) {
        return known.containsKey(key);
    }

    /** Returns the value of a required key, or null after reporting that it is missing. */
    Node require(String key, String example) {
        Node value = get(key);
        if (value == null) {
            String where = path.isEmpty() ? "the scenario" : path;
            errors.add(Paths.key(path, key), map.location(), where + " is missing the required key '" + key
                    + "'; add it, e.g. " + example);
        }
        return value;
    }

    /** Returns the known keys present, in file order. */
    List<Node.Entry> entries() {
        return List.copyOf(known.values());
    }

    Node.Location keyLocation(String key) {
        return known.get(key).keyLocation();
    }

    String path(String key) {
        return Paths.key(path, key);
    }

    String path() {
        return path;
    }

    Node.Location location() {
        return map.location();
    }

    Errors errors() {
        return errors;
    }
}
