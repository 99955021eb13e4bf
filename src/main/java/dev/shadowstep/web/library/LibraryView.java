package dev.shadowstep.web.library;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the library page shows for one address: the search, the chosen topic and tag (all three
 * kept in the URL), the filter chips and the entries, grouped by topic when nothing is searched.
 */
record LibraryView(String query, Topic topic, String tag, List<Group> groups, List<Chip> topicChips,
                   List<Chip> tagChips, int shown, int total) {

    /** A heading and its entries; {@code topic} is null for ranked search results. */
    record Group(Topic topic, List<LibraryEntry> entries) {}

    /** A filter: its label, the address it leads to, and whether it is the one applied. */
    record Chip(String label, String href, boolean on) {}

    static LibraryView of(ScenarioLibrary library, String rawQuery, String topicSlug, String rawTag) {
        String query = rawQuery == null ? "" : rawQuery.strip();
        Topic topic = Topic.fromSlug(topicSlug == null ? "" : topicSlug.strip());
        String tag = RunTags.ALL.contains(rawTag == null ? "" : rawTag.strip()) ? rawTag.strip() : null;
        List<LibraryEntry> found = library.search(query).stream()
                .filter(e -> topic == null || e.topic() == topic)
                .filter(e -> tag == null || e.tags().contains(tag))
                .toList();
        List<Group> groups = new ArrayList<>();
        if (query.isEmpty()) {
            for (Topic t : Topic.values()) {
                List<LibraryEntry> in = found.stream().filter(e -> e.topic() == t).toList();
                if (!in.isEmpty()) groups.add(new Group(t, in));
            }
        } else if (!found.isEmpty()) {
            groups.add(new Group(null, found));
        }
        List<Chip> topics = new ArrayList<>();
        for (Topic t : Topic.values()) {
            boolean on = t == topic;
            topics.add(new Chip(t.title(), href(query, on ? null : t, tag), on));
        }
        Set<String> used = new LinkedHashSet<>();
        for (String t : RunTags.ALL) {
            if (library.entries().stream().anyMatch(e -> e.tags().contains(t))) used.add(t);
        }
        List<Chip> tags = new ArrayList<>();
        for (String t : used) {
            boolean on = t.equals(tag);
            tags.add(new Chip(t, href(query, topic, on ? null : t), on));
        }
        return new LibraryView(query, topic, tag, groups, topics, tags, found.size(), library.entries().size());
    }

    /** Returns the page's address for a search, a topic and a tag; {@code /} when there is none. */
    static String href(String query, Topic topic, String tag) {
        List<String> params = new ArrayList<>();
        if (query != null && !query.isBlank()) params.add("q=" + encode(query.strip()));
        if (topic != null) params.add("topic=" + topic.slug());
        if (tag != null) params.add("tag=" + encode(tag));
        return params.isEmpty() ? "/" : "/?" + String.join("&", params);
    }

    String href() {
        return href(query, topic, tag);
    }

    String countText() {
        boolean filtered = !query.isEmpty() || topic != null || tag != null;
        if (!filtered) return total + (total == 1 ? " scenario" : " scenarios");
        StringBuilder s = new StringBuilder().append(shown).append(" of ").append(total).append(" scenarios");
        if (!query.isEmpty()) s.append(" match “").append(query).append("”");
        if (topic != null) s.append(query.isEmpty() ? " in " : ", in ").append(topic.title());
        if (tag != null) s.append(" tagged ").append(tag);
        return s.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);  // as a plain form GET writes it: spaces as +
    }
}
