package dev.shadowstep.web.sources;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the citations in a text and resolves them against the sources: "SDM Vol. 3A 6.8.3",
 * "SDM 26.6.1-26.6.3", "SDM Vol. 2B STI", "commit b9bed78e2fa9", "lore &lt;message id&gt;", and the
 * function and file names the sources list. Plain Java, so tests use it without Spring.
 */
public final class Citations {

    private static final String NUMBER = "(?:Table\\s+)?\\d+(?:\\.\\d+)*(?:-\\d+(?:\\.\\d+)*)?";
    /** "SDM", an optional volume, then a list of sections or one instruction mnemonic. */
    static final Pattern SDM = Pattern.compile("SDM(?:,?\\s+Vol\\.\\s*(\\d[A-D]?),?)?\\s+(" + NUMBER
            + "(?:(?:,\\s*|/|\\s+and\\s+)" + NUMBER + ")*|[A-Z][A-Z0-9]+\\b)");
    static final Pattern COMMIT = Pattern.compile("\\bcommit\\s+([0-9a-f]{8,40})\\b");
    static final Pattern LORE = Pattern.compile("\\blore\\s+(\\S+@[\\w.-]*\\w)");

    private final List<Source> sources;

    public Citations(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Returns the sources a text cites, in registry order. */
    public Set<Source> cited(String text) {
        Set<Source> found = new LinkedHashSet<>();
        for (String section : sdmSections(text)) {
            sdm(section).ifPresent(found::add);
        }
        for (Source source : sources) {
            if (source.kind().equals("sdm")) continue;
            if (text.contains(source.cite()) || source.matches().stream().anyMatch(text::contains)) {
                found.add(source);
            }
        }
        List<Source> ordered = new ArrayList<>(sources);
        ordered.retainAll(found);
        return new LinkedHashSet<>(ordered);
    }

    /** Returns every SDM section, commit id and lore message id in the text that no source stands for. */
    public List<String> unresolved(String text) {
        List<String> missing = new ArrayList<>();
        for (String section : sdmSections(text)) {
            if (sdm(section).isEmpty()) missing.add("SDM " + section);
        }
        for (Matcher m = COMMIT.matcher(text); m.find(); ) {
            String id = m.group(1);
            if (sources.stream().noneMatch(s -> s.matches().stream().anyMatch(x -> x.startsWith(id) || id.startsWith(x)))) {
                missing.add("commit " + id);
            }
        }
        for (Matcher m = LORE.matcher(text); m.find(); ) {
            String id = m.group(1);
            if (sources.stream().noneMatch(s -> s.matches().contains(id))) missing.add("lore " + id);
        }
        return missing;
    }

    /** Returns the SDM sections a text names, ranges split ("26.6.1-26.6.3" gives both ends). */
    static List<String> sdmSections(String text) {
        List<String> sections = new ArrayList<>();
        for (Matcher m = SDM.matcher(text); m.find(); ) {
            for (String part : m.group(2).split(",\\s*|/|\\s+and\\s+")) {
                String token = part.strip().replaceAll("\\s+", " ");
                if (token.matches("\\d+(\\.\\d+)+-\\d+(\\.\\d+)+")) {
                    sections.addAll(List.of(token.split("-")));
                } else {
                    sections.add(token);
                }
            }
        }
        return sections;
    }

    private Optional<Source> sdm(String section) {
        return sources.stream().filter(s -> s.kind().equals("sdm") && s.section().equals(section)).findFirst();
    }
}
