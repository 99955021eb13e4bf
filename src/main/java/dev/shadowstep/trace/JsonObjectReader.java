package dev.shadowstep.trace;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the fields of one JSON object of a trace, naming the field's path (such as
 * {@code steps[3].state.rip}) and {@code where} (line:column of the enclosing value) in every error.
 */
record JsonObjectReader(JsonNode node, String path, String where) {

    JsonObjectReader {
        if (node == null || !node.isObject()) {
            throw new TraceFormatException((path.isEmpty() ? "trace" : path) + where + ": expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Returns the required string field {@code name}. */
    String string(String name) {
        JsonNode v = required(name);
        if (!v.isString()) {
            throw error(name, "expected a string, got " + v);
        }
        return v.stringValue();
    }

    /** Returns the string field {@code name}, or null when it is absent or null. */
    String optionalString(String name) {
        return present(name) ? string(name) : null;
    }

    /** Returns the required {@code "0x..."} field {@code name}. */
    long hex(String name) {
        try {
            return Hex.parse(string(name));
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
    }

    /** Returns the {@code "0x..."} field {@code name}, or null when absent. */
    Long optionalHex(String name) {
        return present(name) ? hex(name) : null;
    }

    /** Returns the required integer field {@code name}. */
    int integer(String name) {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(name, "expected a whole number, got " + v);
        }
        return v.intValue();
    }

    /** Returns the integer field {@code name}, or null when absent. */
    Integer optionalInteger(String name) {
        return present(name) ? integer(name) : null;
    }

    /** Returns the required boolean field {@code name}. */
    boolean bool(String name) {
        JsonNode v = required(name);
        if (!v.isBoolean()) {
            throw error(name, "expected true or false, got " + v);
        }
        return v.booleanValue();
    }

    /** Returns the enum constant spelled by the wire name in field {@code name}. */
    <E extends Enum<E>> E wireName(String name, Class<E> type) {
        try {
            return WireNames.parse(type, string(name));
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
    }

    /** Returns the string items of the array field {@code name}; absent means empty. */
    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items(name).size(); i++) {
            JsonNode v = items(name).get(i);
            if (!v.isString()) {
                throw error(name + "[" + i + "]", "expected a string, got " + v);
            }
            out.add(v.stringValue());
        }
        return List.copyOf(out);
    }

    /** Returns the items of the array field {@code name} as hex values; absent means empty. */
    List<Long> hexes(String name) {
        List<Long> out = new ArrayList<>();
        List<String> texts = strings(name);
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(Hex.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw error(name + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    /** Returns a reader for the required object field {@code name}. */
    JsonObjectReader object(String name) {
        return new JsonObjectReader(required(name), child(name), where);
    }

    /** Returns whether field {@code name} is present and not null. */
    boolean present(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** Returns the array field {@code name}; absent means empty. */
    JsonNode items(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            throw error(name, "expected a JSON array, got " + v);
        }
        return v;
    }

    /** Returns an error about field {@code name} of this object. */
    TraceFormatException error(String name, String message) {
        return new TraceFormatException(child(name) + where + ": " + message);
    }

    /** Returns the path of field {@code name} of this object. */
    String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode required(String name) {
        if (!present(name)) {
            throw error(name, "missing; the trace format (version 1) requires it");
        }
        return node.get(name);
    }
}
