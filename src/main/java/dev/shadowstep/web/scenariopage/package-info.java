/**
 * The scenario page: listing, timeline, inspector, Findings and Share panels for one kept run, of a
 * library scenario ({@code /scenarios/{slug}}) or of a run from the editor ({@code /runs/{id}});
 * permalink pages (web.share) show the same page. Each controller builds one
 * {@link dev.shadowstep.web.scenariopage.ScenarioPageModel}. The runs themselves come from the run
 * service in web.run (gateway, stores, streams).
 */
package dev.shadowstep.web.scenariopage;
