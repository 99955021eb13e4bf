package dev.shadowstep.web.compare;

import dev.shadowstep.compare.Alignment;
import dev.shadowstep.compare.Difference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of a comparison (src/docs/compare-format.md), as plain maps in field order. */
public final class CompareJson {

    /** The version of this JSON form; additions keep it, a change of meaning would not. */
    static final int FORMAT = 1;

    private CompareJson() {}

    /** Returns the JSON of a comparison with its listed differences. */
    public static Map<String, Object> of(Comparisons.Compared c, List<DifferenceRow> differences) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("a", side(c.a()));
        out.put("b", side(c.b()));
        Map<String, Object> alignment = new LinkedHashMap<>();
        alignment.put("exact", c.comparison().alignment().exact());
        alignment.put("rows", c.rows().size());
        List<Map<String, Object>> spans = new ArrayList<>();
        List<Alignment.Span> list = c.comparison().alignment().spans();
        for (int i = 0; i < list.size(); i++) {
            Alignment.Span s = list.get(i);
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("op", s.op().name().toLowerCase(java.util.Locale.ROOT));
            span.put("a", s.a());
            span.put("b", s.b());
            span.put("length", s.length());
            span.put("host_work", c.comparison().hostWork().get(i));
            spans.add(span);
        }
        alignment.put("spans", spans);
        out.put("alignment", alignment);
        out.put("first_difference", differences.isEmpty() ? null : difference(differences.getFirst()));
        out.put("differences", differences.stream().map(CompareJson::difference).toList());
        out.put("total_differences", c.comparison().total());
        return out;
    }

    private static Map<String, Object> side(CompareSide side) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", side.label());
        out.put("run", side.run().id());
        out.put("permalink", side.permalinkId());
        out.put("href", side.href());
        out.put("steps", side.run().total());
        out.put("outcome", side.outcome().status().wireName());
        return out;
    }

    private static Map<String, Object> difference(DifferenceRow row) {
        Difference d = row.difference();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", d.kind().wireName());
        out.put("row", row.row());
        out.put("a", d.kind() == Difference.Kind.ONLY_B ? null : d.a());
        out.put("b", d.kind() == Difference.Kind.ONLY_A ? null : d.b());
        out.put("length", d.length());
        out.put("fields", d.fields().stream().map(f -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", f.name());
            field.put("a", f.a());
            field.put("b", f.b());
            return field;
        }).toList());
        out.put("summary", d.summary());
        out.put("sentence", d.sentence());
        return out;
    }
}
