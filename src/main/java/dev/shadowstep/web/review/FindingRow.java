package dev.shadowstep.web.review;

import dev.shadowstep.trace.Finding;

/**
 * One finding as the Findings panel lists it. Severity shows as a word and as the letter of its
 * timeline marker ({@code !} or {@code i}), never by colour alone.
 *
 * @param step     the step it links to, or null when it is about the whole run
 * @param kind     the wire name, e.g. {@code missing_eoi}
 * @param severity the wire name, {@code warning} or {@code info}
 * @param word     the severity for people: {@code Warning} or {@code Info}
 * @param letter   the marker letter, as on the timeline (frontend/src/finding-markers.js)
 */
public record FindingRow(Integer step, String kind, String severity, String word, String letter, String message) {

    /** Returns the row of a finding. */
    public static FindingRow of(Finding finding) {
        boolean warning = finding.severity() == Finding.Severity.WARNING;
        return new FindingRow(finding.step(), finding.kind().wireName(), finding.severity().wireName(),
                warning ? "Warning" : "Info", warning ? "!" : "i", finding.message());
    }
}
