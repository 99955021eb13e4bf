package dev.shadowstep.trace;

/**
 * One {@code expect} item and whether the run satisfied it.
 *
 * @param expect  the item in words, e.g. {@code db at fep_sti_start dr6=0xffff4ff0}
 * @param step    the step of the matching event, or null when none matched
 * @param message what was found instead, when not ok
 */
public record ExpectationResult(String expect, boolean ok, Integer step, String message) {}
