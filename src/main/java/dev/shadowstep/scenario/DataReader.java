package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code data}: name -> int or list of ints, in file order. */
final class DataReader {
    private DataReader() {}

    static Map<String, List<Long>> read(Node node, String path, Errors errors) {
        if (!(node instanceof Node.MapNode map)) {
            errors.add(path, node.location(), "expected data to be a map of name: value or name: [values], found "
                    + node.describe());
            return null;
        }
        Map<String, List<Long>> data = new LinkedHashMap<>();
        for (Node.Entry entry : map.entries()) {
            String cell = Paths.key(path, entry.key());
            if (!Values.LABEL.matcher(entry.key()).matches()) {
                errors.add(cell, entry.keyLocation(), "'" + entry.key() + "' is not a valid symbol name; use "
                        + "letters, digits, '_', '.' or '$', not starting with a digit");
                continue;
            }
            List<Long> values = cellValues(entry.value(), cell, errors);
            if (values != null) data.put(entry.key(), values);
        }
        return data;
    }

    private static List<Long> cellValues(Node node, String path, Errors errors) {
        if (!(node instanceof Node.ListNode list)) {
            Long value = Values.integer(node, path, errors, IntRange.ANY64);
            return value == null ? null : List.of(value);
        }
        if (list.items().isEmpty()) {
            errors.add(path, node.location(), "an empty list makes no data cell; give at least one value, e.g. [0]");
            return null;
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Long value = Values.integer(list.items().get(i), Paths.index(path, i), errors, IntRange.ANY64);
            if (value != null) values.add(value);
        }
        return values.size() == list.items().size() ? values : null;
    }
}
