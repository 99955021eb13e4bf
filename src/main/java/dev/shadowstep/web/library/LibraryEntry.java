package dev.shadowstep.web.library;

import java.util.List;
import java.util.Locale;

/**
 * One built-in scenario as the library shows it.
 *
 * @param slug    the file name without {@code .yaml}; the page is {@code /scenarios/{slug}}
 * @param summary the scenario's summary paragraph (Markdown-lite), empty when it has none
 * @param tags    what the scenario exercises, derived from its content by {@link dev.shadowstep.scenario.ScenarioDocument#tags()}
 * @param yaml    the scenario file as written
 */
public record LibraryEntry(String slug, String title, String summary, List<String> tags, String yaml) {

    public LibraryEntry {
        tags = List.copyOf(tags);
    }

    /** Returns the summary's first sentence as plain text, for a card. */
    public String oneLine() {
        String plain = summary.replace("`", "").replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").strip();
        int end = plain.indexOf(". ");
        String sentence = end >= 0 ? plain.substring(0, end + 1) : plain;
        return sentence.length() <= 160 ? sentence : sentence.substring(0, 159).strip() + "…";
    }

    /** Returns whether every word of the query occurs in the title, summary, tags or slug (case-insensitive). */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = String.join(" ", slug, title, summary, String.join(" ", tags)).toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
