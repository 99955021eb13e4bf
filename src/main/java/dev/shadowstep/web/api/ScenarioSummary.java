package dev.shadowstep.web.api;

import java.util.List;

/** One library scenario in {@code GET /api/scenarios}. */
public record ScenarioSummary(String slug, String title, String summary, List<String> tags) {}
