/**
 * The run service of the web tier: the engine gateway ({@link dev.shadowstep.web.run.RunGuard}), the
 * kept runs and drafts ({@link dev.shadowstep.web.run.RunStore}), the step stream (SSE) and the step
 * pages of the API. The pages that show runs (web.scenariopage, web.share, web.compare) read them here.
 */
package dev.shadowstep.web.run;
