/**
 * The compare page ({@code /compare}): one scenario run two ways, the first step where the runs
 * part ({@code Divergence}), both timelines on one step axis and the event lists side by side.
 */
package dev.shadowstep.web.compare;
