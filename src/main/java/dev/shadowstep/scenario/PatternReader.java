package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fields of one {@code expect} event item into an {@link EventPattern}. */
final class PatternReader {

    /** DR6 cause names: B0..B3 breakpoint hits, BD debug-register access, BS single step, BT task switch. */
    static final List<String> CAUSES = List.of("B0", "B1", "B2", "B3", "BD", "BS", "BT");
    private static final Map<String, String> VIA = wordsOf(List.of("native", "injected"));
    private static final Map<String, String> CAUSE_WORDS = wordsOf(CAUSES);
    private static final Map<String, String> EXITS = wordsOf(List.of("KVM_EXIT_DEBUG", "KVM_EXIT_IO", "KVM_EXIT_FAIL_ENTRY"));
    private static final Map<String, String> IO = wordsOf(List.of("in", "out"));

    private PatternReader() {}

    private static Map<String, String> wordsOf(List<String> words) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String word : words) map.put(word, word);
        return map;
    }

    /** Returns the pattern; fields with errors are reported and left unchecked. */
    static EventPattern read(Fields f) {
        Errors errors = f.errors();
        return new EventPattern(
                f.has("at") ? Values.address(f.get("at"), f.path("at"), errors) : null,
                f.has("vector") ? Values.smallInt(f.get("vector"), f.path("vector"), errors, IntRange.VECTOR) : null,
                f.has("dr6") ? Values.integer(f.get("dr6"), f.path("dr6"), errors, IntRange.U32) : null,
                f.has("cause") ? causes(f.get("cause"), f.path("cause"), errors) : null,
                f.has("via") ? Values.word(f.get("via"), f.path("via"), errors, VIA) : null,
                f.has("reason") ? nonEmptyText(f, "reason") : null,
                f.has("qualification")
                        ? Values.integer(f.get("qualification"), f.path("qualification"), errors, IntRange.U64) : null,
                f.has("check") ? nonEmptyText(f, "check") : null,
                f.has("exit") ? Values.word(f.get("exit"), f.path("exit"), errors, EXITS) : null,
                f.has("exception") ? Values.smallInt(f.get("exception"), f.path("exception"), errors, IntRange.VECTOR)
                        : null,
                f.has("pc") ? Values.address(f.get("pc"), f.path("pc"), errors) : null,
                f.has("dr7") ? Values.integer(f.get("dr7"), f.path("dr7"), errors, IntRange.U32) : null,
                f.has("port") ? Values.smallInt(f.get("port"), f.path("port"), errors, IntRange.of(0, 0xffff, "a port"))
                        : null,
                f.has("io") ? Values.word(f.get("io"), f.path("io"), errors, IO) : null,
                f.has("value") ? Values.integer(f.get("value"), f.path("value"), errors, IntRange.U32) : null);
    }

    private static List<String> causes(Node node, String path, Errors errors) {
        List<Node> items = Values.list(node, path, errors, "a list of cause names, e.g. cause: [BS]");
        if (items == null) return null;
        List<String> causes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String cause = Values.word(items.get(i), Paths.index(path, i), errors, CAUSE_WORDS);
            if (cause != null && causes.contains(cause)) {
                errors.add(Paths.index(path, i), items.get(i).location(), cause + " is listed twice; list it once");
            } else if (cause != null) {
                causes.add(cause);
            }
        }
        return causes;
    }

    private static String nonEmptyText(Fields f, String key) {
        String text = Values.text(f.get(key), f.path(key), f.errors());
        if (text != null && text.isBlank()) {
            f.errors().add(f.path(key), f.get(key).location(), key + " is empty; write the text to match, or "
                    + "remove the field to leave it unchecked");
            return null;
        }
        return text == null ? null : text.strip();
    }
}
