/**
 * Permalinks: scenarios stored under content-addressed ids, served in the forms people paste
 * (source, trace JSON, 80-column text), and checked for drift against the current engine
 * (src/docs/permalinks.md).
 *
 * <pre>
 * create: text -> ScenarioLoader.load -> CanonicalScenario.hash -> (stored? return it)
 *         -> TraceProducer.run -> TraceDigest.of -> PermalinkStore.save (id = shortest unique prefix)
 * find:   id -> PermalinkIds.problem (refuse before the store) -> PermalinkStore.findById
 *         -> TraceProducer.run -> TraceDigest.firstDifference -> Permalink(link, scenario, trace, Drift)
 * </pre>
 *
 * Entry points: {@link dev.shadowstep.permalink.PermalinkService#create},
 * {@link dev.shadowstep.permalink.PermalinkService#find} (the web layer's seam),
 * and the routes in {@code PermalinkController}.
 */
package dev.shadowstep.permalink;
