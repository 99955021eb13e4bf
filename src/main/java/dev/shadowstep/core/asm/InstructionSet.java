package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The supported subset in words, rendered from the {@link InstructionTable}, the prefix list and
 * {@link NotModelled}: scenario-format.md holds this text between markers, and a test fails when
 * the two differ, so the documented list cannot go stale.
 */
public final class InstructionSet {
    private InstructionSet() {}

    /** The marker lines around the generated block in scenario-format.md. */
    public static final String BEGIN = "<!-- generated from the instruction table: InstructionSetDocTest keeps it equal -->";
    public static final String END = "<!-- end of generated list -->";

    /** Returns the generated Markdown block (without the markers). */
    public static String markdown() {
        TreeMap<String, Integer> names = new TreeMap<>();           // name -> the sizes a suffix may name (0: none)
        for (Form f : InstructionTable.ROWS) {
            if (f.op() == Op.INTO) continue;                        // decoded only: the encoder refuses it, as GNU as does
            for (String n : f.names()) names.merge(n, f.suffixed() ? f.sizes() : 0, (x, y) -> x | y);
        }
        List<String> words = new ArrayList<>();
        names.forEach((n, sizes) -> words.add(n + suffixes(sizes)));
        words.add("movzx");
        words.add("movsx");
        words.add("movsxd");
        StringBuilder sb = new StringBuilder();
        sb.append("Instructions (").append(words.size()).append(" mnemonics; `[bwlq]`: the size suffixes that may follow; ")
                .append("`movzb`/`movzw`/`movsb`/`movsw`/`movsl` name the source size and take the destination's, as in ")
                .append("`movzbl`):\n");
        sb.append(wrap(words)).append('\n');
        sb.append("Prefixes: ").append(wrap(new ArrayList<>(new TreeSet<>(Prefixes.names())))).append('\n');
        sb.append("Known but not modelled (a located error at their line saying why):\n");
        Map<String, String> refused = new TreeMap<>(NotModelled.REASONS);
        List<String> refusedWords = new ArrayList<>();
        refused.forEach((n, why) -> refusedWords.add(isStringRoot(n) ? n + "b/w/l/q" : n));
        sb.append(wrap(refusedWords)).append('\n');
        return sb.toString();
    }

    private static String suffixes(int sizes) {
        if (sizes == 0) return "";
        StringBuilder sb = new StringBuilder("[");
        if ((sizes & Form.B) != 0) sb.append('b');
        if ((sizes & Form.W) != 0) sb.append('w');
        if ((sizes & Form.L) != 0) sb.append('l');
        if ((sizes & Form.Q) != 0) sb.append('q');
        return sb.append(']').toString();
    }

    private static boolean isStringRoot(String n) {
        return List.of("movs", "stos", "lods", "cmps", "scas", "ins", "outs").contains(n);
    }

    private static String wrap(List<String> words) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String w : words) {
            String item = "`" + w + "`";
            if (col > 0 && col + 1 + item.length() > 90) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(item);
            col += item.length();
        }
        return out.toString();
    }
}
