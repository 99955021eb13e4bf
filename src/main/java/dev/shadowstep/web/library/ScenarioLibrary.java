package dev.shadowstep.web.library;

import dev.shadowstep.web.WebProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import dev.shadowstep.scenario.ScenarioDocument;

/** The built-in scenarios, read once at start-up from {@code shadowstep.web.library-location}. */
@Service
public class ScenarioLibrary {

    private final List<LibraryEntry> entries;

    public ScenarioLibrary(WebProperties properties) {
        this.entries = load(properties.libraryLocation());
    }

    /** Returns every entry: the course's lessons in order, then each topic's scenarios (in {@link Topic} order) by slug. */
    public List<LibraryEntry> entries() {
        return entries;
    }

    /** Returns the entries matching a search, best first (see {@link LibrarySearch}). */
    public List<LibraryEntry> search(String query) {
        return LibrarySearch.rank(entries, query);
    }

    /** Returns the lessons of the course, in order. */
    public List<LibraryEntry> course() {
        return entries.stream().filter(LibraryEntry::isLesson).toList();
    }

    /** Returns the entry with this slug. */
    public Optional<LibraryEntry> find(String slug) {
        return entries.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }

    private static List<LibraryEntry> load(String location) {
        try {
            List<LibraryEntry> result = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
                String name = resource.getFilename();
                if (name == null || !name.endsWith(".yaml")) {
                    continue;
                }
                String yaml = resource.getContentAsString(StandardCharsets.UTF_8);
                String slug = name.substring(0, name.length() - ".yaml".length());
                if (result.stream().noneMatch(e -> e.slug().equals(slug))) {
                    LibraryEntry entry = entry(slug, yaml);
                    result.add(entry.withTags(LibraryRuns.tags(yaml)));
                }
            }
            result.sort(Comparator.comparing(LibraryEntry::topic)
                    .thenComparingInt(LibraryEntry::lessonOrder)
                    .thenComparing(LibraryEntry::slug));
            return List.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the scenario library at " + location, e);
        }
    }

    /**
     * Returns the entry for one file, its title, summary and lesson as the scenario reader finds them,
     * without tags (they come from a run: {@link LibraryEntry#withTags}); a file that is not YAML still
     * appears, saying so, and its page shows the errors.
     */
    public static LibraryEntry entry(String slug, String yaml) {
        ScenarioDocument doc = ScenarioDocument.read(yaml);
        if (!doc.parsed()) {
            return new LibraryEntry(slug, slug, "This file is not valid YAML; open it to see where.", List.of(), yaml);
        }
        return new LibraryEntry(slug, doc.title().orElse(slug), doc.summary().orElse(""), List.of(), yaml, null,
                doc.lessonOrder(), doc.questionCount());
    }
}
