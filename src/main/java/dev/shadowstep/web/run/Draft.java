package dev.shadowstep.web.run;

/**
 * What is stored for a run: the text to run again, never the trace.
 *
 * @param id        the run id ({@link RunIds})
 * @param hash      the full hash the id is a prefix of
 * @param source    the scenario text exactly as run
 * @param permalink the permalink whose page made the run (its trace names it), or null
 * @param slug      the library scenario the text is, or null
 */
public record Draft(String id, String hash, String source, String permalink, String slug) {}
