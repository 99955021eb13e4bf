package dev.shadowstep.permalink;

/**
 * The forms of one permalink, as absolute URLs: the page, the source, the trace as JSON and as
 * text, and the embeddable view.
 */
public record LinkUrls(String page, String yaml, String json, String txt, String embed) {

    /** Returns the URLs of the link {@code id} under {@code origin} (scheme, host, port and context path). */
    public static LinkUrls of(String origin, String id) {
        String base = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        String page = base + "/s/" + id;
        return new LinkUrls(page, page + ".yaml", page + ".json", page + ".txt", base + "/embed/" + id);
    }
}
