package dev.shadowstep.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** Renders the scenario format's Markdown-lite (paragraphs, backtick code, http(s) links) as safe HTML. */
public final class MarkdownLite {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /**
     * A link or a code span, whichever starts first, so their markup never nests wrongly: a URL
     * holds no backtick (a code span there would put {@code <code>} inside {@code href}), and a
     * link written inside a code span is code.
     */
    private static final Pattern LINK_OR_CODE =
            Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s\"`]+)\\)|`([^`]+)`");

    /** A code span or a link, left alone, or a numbered point {@code (3)} outside them. */
    private static final Pattern MARKUP_OR_POINT = Pattern.compile("<code>.*?</code>|<a .*?</a>|\\((\\d{1,2})\\)");

    private MarkdownLite() {}

    /**
     * Returns {@link #toHtml} with each numbered point {@code (n)} of a lesson's summary made a link to
     * its step: {@code steps.get(n - 1)}; a point without a step stays text.
     */
    public static String toHtml(String text, List<Integer> steps) {
        String html = toHtml(text);
        if (steps.isEmpty()) return html;
        return MARKUP_OR_POINT.matcher(html).replaceAll(m -> {
            if (m.group(1) == null) return Matcher.quoteReplacement(m.group());
            int n = Integer.parseInt(m.group(1));
            Integer step = n >= 1 && n <= steps.size() ? steps.get(n - 1) : null;
            if (step == null) return Matcher.quoteReplacement(m.group());
            return "<a class=\"point\" href=\"?step=" + step + "\" data-step-link data-step=\"" + step
                    + "\" aria-label=\"point " + n + ": step " + step + "\">(" + n + ")</a>";
        });
    }

    /** Returns HTML: the text is escaped first, so only the markup made here is live. */
    public static String toHtml(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String html = HtmlUtils.htmlEscape(paragraph.strip().replaceAll("\\s*\\n\\s*", " "));
            paragraphs.add("<p>" + LINK_OR_CODE.matcher(html).replaceAll(m -> Matcher.quoteReplacement(markup(m)))
                    + "</p>");
        }
        return String.join("\n", paragraphs);
    }

    private static String markup(MatchResult m) {
        if (m.group(3) != null) return "<code>" + m.group(3) + "</code>";
        String text = CODE.matcher(m.group(1)).replaceAll("<code>$1</code>");
        return "<a href=\"" + m.group(2) + "\" rel=\"noopener\">" + text + "</a>";
    }
}
