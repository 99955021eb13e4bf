package dev.shadowstep.web.library;

import dev.shadowstep.web.MarkdownLite;
import java.util.List;

/**
 * One built-in scenario as the library shows it.
 *
 * @param slug        the file name without {@code .yaml}; the page is {@code /scenarios/{slug}}
 * @param summary     the scenario's summary paragraph (Markdown-lite), empty when it has none
 * @param tags        what the scenario's run does, derived from its events and rules by {@link RunTags}
 * @param yaml        the scenario file as written
 * @param topic       the library group it is listed in
 * @param lessonOrder its place in the course, 0 when it is not a lesson
 * @param questions   how many predict-then-reveal questions it asks
 */
public record LibraryEntry(String slug, String title, String summary, List<String> tags, String yaml, Topic topic,
                           int lessonOrder, int questions) {

    public LibraryEntry {
        tags = List.copyOf(tags);
        topic = topic == null ? Topic.of(tags, lessonOrder > 0) : topic;
    }

    /** An entry whose topic follows from its tags, not a lesson. */
    public LibraryEntry(String slug, String title, String summary, List<String> tags, String yaml) {
        this(slug, title, summary, tags, yaml, null, 0, 0);
    }

    /** Returns this entry with the tags of its run, and the topic they give. */
    public LibraryEntry withTags(List<String> runTags) {
        return new LibraryEntry(slug, title, summary, runTags, yaml, Topic.of(runTags, lessonOrder > 0), lessonOrder,
                questions);
    }

    public boolean isLesson() {
        return lessonOrder > 0;
    }

    /** Returns the summary's first sentence as Markdown-lite (code spans kept, links reduced to their text). */
    private String firstSentence() {
        String text = summary.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").replaceAll("\\s+", " ").strip();
        int end = sentenceEnd(text);
        String sentence = end >= 0 ? text.substring(0, end + 1) : text;
        if (sentence.length() <= 160) return sentence;
        String cut = sentence.substring(0, 159).strip();
        if (cut.chars().filter(c -> c == '`').count() % 2 == 1) cut = cut.substring(0, cut.lastIndexOf('`')).strip();
        return cut + "…";
    }

    /** Abbreviations whose full stop does not end a sentence ("SDM Vol. 3A", "e.g. this"). */
    private static final java.util.regex.Pattern ABBREVIATION =
            java.util.regex.Pattern.compile("(?:^|[\\s(])(?:Vol|vol|e\\.g|i\\.e|cf|No|Fig|Sec)$");

    /** The first ". " that is not inside a code span and does not follow an abbreviation. */
    private static int sentenceEnd(String text) {
        boolean code = false;
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') code = !code;
            else if (!code && c == '.' && text.charAt(i + 1) == ' '
                    && !ABBREVIATION.matcher(text.substring(Math.max(0, i - 6), i)).find()) return i;
        }
        return -1;
    }

    /** Returns the summary's first sentence as plain text, for a link preview or a title attribute. */
    public String oneLine() {
        return firstSentence().replace("`", "");
    }

    /** Returns the summary's first sentence as safe HTML, its code spans kept as code: for a card. */
    public String oneLineHtml() {
        String html = MarkdownLite.toHtml(firstSentence());
        return html.startsWith("<p>") && html.endsWith("</p>") ? html.substring(3, html.length() - 4) : html;
    }

    /** Returns whether every word of the query occurs in the title, summary, tags or slug (see {@link LibrarySearch}). */
    public boolean matches(String query) {
        return !LibrarySearch.rank(List.of(this), query).isEmpty();
    }
}
