package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkUrls;
import org.springframework.web.util.HtmlUtils;

/**
 * Every form of a shared link, as the Share panel offers them for copying.
 *
 * @param page         the scenario page at the shared step (and lanes)
 * @param yaml         the source exactly as stored
 * @param json         the current run as trace JSON
 * @param txt          the current run as 80-column text
 * @param embed        the compact view for iframes, at the shared step
 * @param embedSnippet an {@code <iframe>} element to paste into a web page
 */
record ShareLinks(String id, String title, int step, String page, String yaml, String json, String txt,
                  String embed, String embedSnippet) {

    /** Returns the links of permalink {@code id} opened at {@code step}, with the lanes when set. */
    static ShareLinks of(LinkUrls urls, String id, String title, int step, String lanes) {
        String query = LinkParams.query(step, lanes);
        String embed = urls.embed() + query;
        String snippet = "<iframe src=\"" + HtmlUtils.htmlEscape(embed) + "\" title=\""
                + HtmlUtils.htmlEscape(title + " (shadowstep)") + "\" width=\"100%\" height=\"560\""
                + " loading=\"lazy\"></iframe>";
        return new ShareLinks(id, title, step, urls.page() + query, urls.yaml(), urls.json(), urls.txt(), embed,
                snippet);
    }
}
