package dev.shadowstep.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** Renders the scenario format's Markdown-lite (paragraphs, backtick code, http(s) links) as safe HTML. */
public final class MarkdownLite {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s\"]+)\\)");

    private MarkdownLite() {}

    /** Returns HTML: the text is escaped first, so only the markup made here is live. */
    public static String toHtml(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String html = HtmlUtils.htmlEscape(paragraph.strip().replaceAll("\\s*\\n\\s*", " "));
            html = CODE.matcher(html).replaceAll("<code>$1</code>");
            html = LINK.matcher(html).replaceAll("<a href=\"$2\" rel=\"noopener\">$1</a>");
            paragraphs.add("<p>" + html + "</p>");
        }
        return String.join("\n", paragraphs);
    }
}
