package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkPreview;

/**
 * The link preview of a page (Open Graph and Twitter card tags, templates/share/head.html).
 *
 * @param description the first sentence of the summary, as plain text
 * @param url         the canonical address of the page, without a query
 */
public record OpenGraph(String title, String description, String url) {

    /** Returns the preview of a scenario page: its title and the first sentence of its summary. */
    static OpenGraph of(LinkPreview preview, String url) {
        return new OpenGraph(preview.title(), preview.summary(), url);
    }
}
