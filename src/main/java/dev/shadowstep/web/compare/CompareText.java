package dev.shadowstep.web.compare;

import dev.shadowstep.compare.AlignedRows;
import dev.shadowstep.compare.Difference;
import dev.shadowstep.compare.RunComparison;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.TextWrap;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 80-column text of a comparison, for email and review: the two runs' steps aligned row by row
 * (a row's A and B step numbers side by side, {@code -} where a run takes no step), each row that
 * differs marked {@code *} and followed by its differing fields, host work marked {@code +}.
 */
final class CompareText {

    static final int WIDTH = 80;

    private CompareText() {}

    static void write(Comparisons.Compared c, List<DifferenceRow> differences, String link, PrintWriter out) {
        line(out, "Compare A: " + c.a().label() + " (" + c.a().href() + ")");
        line(out, "     and B: " + c.b().label() + " (" + c.b().href() + ")");
        if (link != null) line(out, "Link: " + link);
        AlignedRows rows = c.rows();
        int total = c.comparison().total();
        line(out, "Aligned on guest steps: " + rows.size() + " rows; " + (total == 0 ? "no differences"
                : total + (total == 1 ? " difference" : " differences")) + (c.comparison().alignment().exact() ? "" : " (approximate alignment)"));
        if (!differences.isEmpty()) {
            for (String l : TextWrap.wrap("First difference, row " + differences.getFirst().row() + ": "
                    + differences.getFirst().difference().sentence(), "", "  ", WIDTH)) line(out, l);
        }
        out.append('\n');
        line(out, "  ROW     A     B  WHERE             STEP");
        Map<Integer, DifferenceRow> byRow = new HashMap<>();
        for (DifferenceRow d : differences) byRow.putIfAbsent(d.row(), d);
        Steps sa = c.a().run().trace().steps(), sb = c.b().run().trace().steps();
        boolean[] host = hostRows(c);
        for (int r = 0; r < rows.size(); r++) {
            int ia = rows.stepA(r), ib = rows.stepB(r);
            Step step = ia >= 0 ? sa.get(ia) : sb.get(ib);
            DifferenceRow d = byRow.get(r);
            char mark = d != null ? '*' : host[r] ? '+' : ' ';
            String where = step.label() == null ? "" : step.label();
            line(out, mark + TextWrap.padLeft(String.valueOf(r), 4) + TextWrap.padLeft(ia < 0 ? "-" : String.valueOf(ia), 6)
                    + TextWrap.padLeft(ib < 0 ? "-" : String.valueOf(ib), 6) + "  " + TextWrap.padRight(TextWrap.fitLabel(where, 16), 16)
                    + "  " + TextWrap.fit(TextWrap.oneLine(step.text()), WIDTH - 42));
            if (d == null) continue;
            if (d.difference().fields().isEmpty()) {
                for (String l : TextWrap.wrap(d.difference().summary(), "      ", "      ", WIDTH)) line(out, l);
            }
            for (Difference.Field f : d.difference().fields()) {
                // of two whys, the sentences that differ; the rest is in each run's own text trace
                String[] v = f.name().equals("why") ? RunComparison.differingSentences(f.a(), f.b()) : new String[] {f.a(), f.b()};
                for (String l : TextWrap.wrap(v[0], "      A " + f.name() + ": ", "        ", WIDTH)) line(out, l);
                for (String l : TextWrap.wrap(v[1], "      B " + f.name() + ": ", "        ", WIDTH)) line(out, l);
            }
        }
        if (c.comparison().total() > differences.size()) {
            line(out, "(" + (c.comparison().total() - differences.size()) + " more differences are not marked)");
        }
        out.append('\n');
        line(out, "* a difference (its fields below it)   + host work only one run does");
        line(out, "A run's outcome: A " + c.a().outcome().status().wireName() + ", B " + c.b().outcome().status().wireName());
    }

    private static boolean[] hostRows(Comparisons.Compared c) {
        boolean[] host = new boolean[c.rows().size()];
        var spans = c.comparison().alignment().spans();
        int row = 0;
        for (int i = 0; i < spans.size(); i++) {
            int length = spans.get(i).length();
            if (c.comparison().hostWork().get(i)) java.util.Arrays.fill(host, row, row + length, true);
            row += length;
        }
        return host;
    }

    private static void line(PrintWriter out, String s) {
        out.append(TextWrap.fit(s, WIDTH)).append('\n');
    }
}
