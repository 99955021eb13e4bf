package dev.shadowstep.web.library;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ranks library entries for a search. Every word of the query must occur somewhere (title, tags,
 * summary or slug); what decides the order is where: the whole phrase in the title first, then
 * every word in the title, then a tag, then the summary, then the rest. Within a tier the course's
 * lessons come first, then the titles that name the phrase earliest (a title that starts with it is
 * about it), then the library's order (by topic). Words match at the start of a word, case-insensitively,
 * so "BS" finds "BS" and "PENDING_DBG.BS" but not "abs".
 */
public final class LibrarySearch {

    /** Where the best match is, best first. */
    enum Tier { TITLE_PHRASE, TITLE_WORDS, TAG, SUMMARY_PHRASE, ANYWHERE }

    private LibrarySearch() {}

    /** Returns the entries that match {@code query}, best first; all of them, in order, for a blank query. */
    public static List<LibraryEntry> rank(List<LibraryEntry> entries, String query) {
        String phrase = normalise(query);
        if (phrase.isEmpty()) return List.copyOf(entries);
        List<String> words = List.of(phrase.split(" "));
        record Ranked(LibraryEntry entry, Tier tier, boolean lesson, int inTitle, int position) {}
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            LibraryEntry e = entries.get(i);
            Tier tier = tier(e, phrase, words);
            if (tier != null) ranked.add(new Ranked(e, tier, e.isLesson(), firstAt(normalise(e.title()), words), i));
        }
        ranked.sort(Comparator.comparing(Ranked::tier).thenComparing(r -> !r.lesson())
                .thenComparingInt(Ranked::inTitle).thenComparingInt(Ranked::position));
        return ranked.stream().map(Ranked::entry).toList();
    }

    /** Returns where the entry matches best, or null when some word occurs nowhere. */
    static Tier tier(LibraryEntry e, String phrase, List<String> words) {
        String title = normalise(e.title());
        String tags = normalise(String.join(" | ", e.tags()));
        String summary = normalise(e.summary());
        String all = String.join(" ", title, tags, summary, normalise(e.slug().replace('-', ' ')));
        if (!words.stream().allMatch(w -> has(all, w))) return null;
        if (has(title, phrase)) return Tier.TITLE_PHRASE;
        if (words.stream().allMatch(w -> has(title, w))) return Tier.TITLE_WORDS;
        if (has(tags, phrase) || words.stream().allMatch(w -> has(tags, w))) return Tier.TAG;
        if (has(summary, phrase)) return Tier.SUMMARY_PHRASE;
        return Tier.ANYWHERE;
    }

    /** Returns where the first query word starts in the title, or the title's length when it is not there. */
    private static int firstAt(String title, List<String> words) {
        var m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(words.getFirst())).matcher(title);
        return m.find() ? m.start() : Integer.MAX_VALUE;
    }

    /** Lower case, backticks and runs of white space folded, so "MOV  SS" and "`mov ss`" are one phrase. */
    static String normalise(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replace("`", "").replaceAll("\\s+", " ").strip();
    }

    /** Returns whether {@code needle} occurs in {@code text} starting at a word's start. */
    private static boolean has(String text, String needle) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(needle)).matcher(text).find();
    }
}
