package dev.shadowstep.permalink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a link preview shows (Open Graph {@code og:title} and {@code og:description}): the title,
 * and the first sentence of the summary as plain text.
 */
public record LinkPreview(String title, String summary) {

    /** Descriptions past about 200 characters are cut by the sites that show them anyway. */
    static final int MAX_SUMMARY = 200;

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)]*)\\)");
    /** A sentence ends at . ! or ? followed by a space or the end, not inside "e.g." or "0x1.5". */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\be\\.g|\\bi\\.e|\\betc|\\bvs)[.!?](?=\\s|$)");

    /** Returns the preview of a scenario with this title and (Markdown-lite) summary. */
    public static LinkPreview of(String title, String summary) {
        return new LinkPreview(oneLine(title), firstSentence(plainText(summary == null ? "" : summary)));
    }

    /** Returns the Markdown-lite text (backticks, [links](url)) as plain text on one line. */
    static String plainText(String markdown) {
        Matcher m = LINK.matcher(markdown);
        String text = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        return oneLine(text.replace("`", ""));
    }

    static String firstSentence(String text) {
        Matcher m = SENTENCE_END.matcher(text);
        String sentence = m.find() ? text.substring(0, m.end()) : text;
        if (sentence.length() <= MAX_SUMMARY) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_SUMMARY - 1);
        return sentence.substring(0, cut > MAX_SUMMARY / 2 ? cut : MAX_SUMMARY - 1).stripTrailing() + "…";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
