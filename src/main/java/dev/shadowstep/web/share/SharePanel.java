package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkOrigin;
import dev.shadowstep.permalink.LinkPreview;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Share panel and link preview of a page that shows a run (templates/share/panel.html and
 * head.html): the scenario text the Share form posts, the {@code lanes=} to keep, the page to come
 * back to, and the Open Graph tags (null for a page with no address of its own, such as a run from
 * the editor).
 */
public record SharePanel(String shareSource, String lanesParam, String back, OpenGraph og) {

    /** Returns the panel of the page of {@code request}, sharing {@code source}, with the preview {@code og}. */
    public static SharePanel of(String source, OpenGraph og, HttpServletRequest request) {
        String query = request.getQueryString();
        return new SharePanel(source, LinkParams.lanes(request.getParameter("lanes")),
                BackLink.orNull(request.getRequestURI() + (query == null ? "" : "?" + query)), og);
    }

    /**
     * Returns the preview of a library scenario page at {@code /scenarios/{slug}}: its title and the first
     * sentence of its summary. {@code baseUrl} is the configured public address, or blank.
     */
    public static OpenGraph libraryScenario(String slug, String title, String summary, String baseUrl,
                                            HttpServletRequest request, HttpServletResponse response) {
        return OpenGraph.of(LinkPreview.of(title, summary), LinkOrigin.of(baseUrl, request, response) + "/scenarios/" + slug);
    }

    /** Returns the preview of the library home page. */
    public static OpenGraph libraryHome(String baseUrl, HttpServletRequest request, HttpServletResponse response) {
        return new OpenGraph("shadowstep: scenario library", "Step through x86 interrupt shadows, debug exceptions "
                + "and VMX one instruction boundary at a time, in the browser.", LinkOrigin.of(baseUrl, request, response) + "/");
    }
}
