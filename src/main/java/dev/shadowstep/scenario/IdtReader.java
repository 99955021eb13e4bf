package dev.shadowstep.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code idt}: {@code vector: label} or {@code vector: {handler: label, gate: interrupt|trap}}. */
final class IdtReader {

    static final List<String> ENTRY_KEYS = List.of("handler", "gate");
    private static final Map<String, IdtEntry.Gate> GATES = gates();

    private IdtReader() {}

    private static Map<String, IdtEntry.Gate> gates() {
        Map<String, IdtEntry.Gate> gates = new LinkedHashMap<>();
        for (IdtEntry.Gate gate : IdtEntry.Gate.values()) gates.put(gate.wireName(), gate);
        return gates;
    }

    /** Returns the handlers by vector in file order, or null after reporting errors. */
    static Map<Integer, IdtEntry> read(Node node, String path, Errors errors) {
        if (!(node instanceof Node.MapNode map)) {
            errors.add(path, node.location(), "expected idt to be a map of vector: handler (e.g. 1: db_handler), "
                    + "found " + node.describe());
            return null;
        }
        int before = errors.size();
        Map<Integer, IdtEntry> idt = new LinkedHashMap<>();
        Map<Integer, Integer> lineOf = new LinkedHashMap<>();
        for (Node.Entry entry : map.entries()) {
            String entryPath = Paths.key(path, entry.key());
            Node key = new Node.Scalar(entry.keyLocation(), entry.key(), Node.Kind.STRING);
            Integer vector = Values.smallInt(key, entryPath, errors, IntRange.VECTOR);
            IdtEntry handler = entry(entry.value(), entryPath, errors);
            if (vector == null || handler == null) continue;
            Integer first = lineOf.putIfAbsent(vector, entry.keyLocation().line());
            if (first != null) {
                errors.add(entryPath, entry.keyLocation(), "vector " + vector + " (0x" + Integer.toHexString(vector)
                        + ") already has a handler at line " + first + "; give each vector one entry");
            } else {
                idt.put(vector, handler);
            }
        }
        return errors.size() > before ? null : idt;
    }

    private static IdtEntry entry(Node node, String path, Errors errors) {
        if (!(node instanceof Node.MapNode)) {
            Address handler = Values.address(node, path, errors);
            return handler == null ? null : new IdtEntry(handler, IdtEntry.Gate.INTERRUPT);
        }
        Fields f = Fields.of(node, path, errors, ENTRY_KEYS);
        Node handlerNode = f.require("handler", "{handler: db_handler, gate: trap}");
        Address handler = handlerNode == null ? null : Values.address(handlerNode, f.path("handler"), errors);
        IdtEntry.Gate gate = f.has("gate") ? Values.word(f.get("gate"), f.path("gate"), errors, GATES)
                : IdtEntry.Gate.INTERRUPT;
        return handler == null || gate == null ? null : new IdtEntry(handler, gate);
    }
}
