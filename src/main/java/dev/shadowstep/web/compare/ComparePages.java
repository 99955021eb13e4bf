package dev.shadowstep.web.compare;

import dev.shadowstep.compare.Alignment;
import dev.shadowstep.compare.RunComparison;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds the compare page's one model record from a comparison, explicitly, field by field. */
final class ComparePages {

    private ComparePages() {}

    static ComparePage of(Comparisons.Compared c, String title, String baseUrl, List<VariantOption> variants,
                          List<String[]> form, String stepParam, String editHref) {
        RunComparison rc = c.comparison();
        List<DifferenceRow> differences = DifferenceRow.of(rc.differences(), c.rows());
        DifferenceRow first = differences.isEmpty() ? null : differences.getFirst();
        int hostSpans = (int) rc.hostWork().stream().filter(h -> h).count();
        boolean shareable = c.a().source() != null && c.b().source() != null;
        String linkUrl = c.a().permalinkId() != null && c.b().permalinkId() != null
                ? "/s/" + c.a().permalinkId() + "/vs/" + c.b().permalinkId() : null;
        String apiUrl = "/api/compare?a=" + encode(reference(c.a())) + "&b=" + encode(reference(c.b()));
        return new ComparePage(title, baseUrl, c.sides(), c.rows().size(),
                initialStep(stepParam, c.rows().size(), first == null ? 0 : first.row()),
                ComparePage.spans(rc.alignment(), rc.hostWork()), rc.alignment().exact(), first, differences,
                rc.total(), hostSpans, variants, form, shareable, linkUrl, apiUrl, editHref);
    }

    /** Returns how {@code /api/compare} names the side: {@code s/ID} for a permalink, else {@code runs/ID}. */
    static String reference(CompareSide side) {
        return side.permalinkId() != null ? "s/" + side.permalinkId() : "runs/" + side.run().id();
    }

    /** Returns the "Edit a copy" address of a side: the editor on the link, the library scenario, or the kept run. */
    static String editHref(CompareSide side, String slug) {
        if (side.permalinkId() != null) return "/editor?link=" + side.permalinkId();
        if (slug != null) return "/editor?scenario=" + encode(slug);
        return side.source() == null ? null : "/editor?run=" + side.run().id();
    }

    /** Returns ?step=N (a row of the aligned view) clamped to the rows; without one, the first difference. */
    static int initialStep(String step, int rows, int fallback) {
        return dev.shadowstep.web.StepParameter.clamp(step, rows, fallback);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Returns whether the alignment had to fall back to the greedy scan, in words for the page. */
    static String approximate(Alignment alignment) {
        return alignment.exact() ? "" : "These runs differ in so many places that the alignment is approximate.";
    }
}
