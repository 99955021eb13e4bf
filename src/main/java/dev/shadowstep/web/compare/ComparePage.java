package dev.shadowstep.web.compare;

import dev.shadowstep.compare.Alignment;
import dev.shadowstep.compare.RunComparison;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything the compare page template ({@code compare/page}) shows, built once by the controller.
 *
 * @param title       the scenario's title (or both titles when the runs are of two scenarios)
 * @param baseUrl     where the scenario opens, or null
 * @param sides       run A and run B
 * @param rows        how many rows the aligned view has
 * @param step        the row to open at
 * @param spans       the alignment for the page script: {@code op,a,b,length} per span, {@code ;} between
 *                    (op m, a, b, or h for a span of host work)
 * @param exact       whether the alignment is a longest common subsequence (see {@link Alignment})
 * @param first       the first difference, or null when the runs are the same
 * @param differences the differences listed (at most {@link RunComparison#MAX_LISTED})
 * @param total       how many differences there are
 * @param hostSpans   how many spans of host work one run has and the other does not
 * @param variants    the A and B choices when both runs are variants of one scenario, else empty
 * @param form        the hidden fields that keep the scenario when the choices change (name, value)
 * @param shareable   whether the Share button can make a compare link (both runs have scenario text)
 * @param linkUrl     the compare link when both runs are permalinks, else null
 * @param apiUrl      the JSON of this comparison
 * @param editHref    the editor on a copy of run A's scenario ({@code /editor?link=} or {@code /editor?scenario=}), or null
 */
public record ComparePage(String title, String baseUrl, List<CompareSide> sides, int rows, int step, String spans,
                          boolean exact, DifferenceRow first, List<DifferenceRow> differences, int total, int hostSpans,
                          List<VariantOption> variants, List<String[]> form, boolean shareable, String linkUrl,
                          String apiUrl, String editHref) {

    /** Returns the alignment in the page script's compact form. */
    static String spans(Alignment alignment, List<Boolean> hostWork) {
        List<Alignment.Span> spans = alignment.spans();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spans.size(); i++) {
            Alignment.Span s = spans.get(i);
            String op = switch (s.op()) {
                case MATCH -> "m";
                case ONLY_A -> hostWork.get(i) ? "ha" : "a";
                case ONLY_B -> hostWork.get(i) ? "hb" : "b";
            };
            if (i > 0) out.append(';');
            out.append(op).append(',').append(s.a()).append(',').append(s.b()).append(',').append(s.length());
        }
        return out.toString();
    }

    /** Returns the rows of the differences, comma-separated, for the page script's next and previous difference. */
    public String differenceRows() {
        return differences.stream().map(d -> String.valueOf(d.row())).collect(Collectors.joining(","));
    }

    /** Returns the side A. */
    public CompareSide a() {
        return sides.get(0);
    }

    /** Returns the side B. */
    public CompareSide b() {
        return sides.get(1);
    }
}
