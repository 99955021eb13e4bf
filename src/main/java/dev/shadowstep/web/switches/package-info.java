/**
 * The editor's switches: settings a scenario text can be flipped on without touching the rest
 * of it. {@code Switch} names them, {@code SwitchState} reads them (with the format's defaults),
 * {@code SwitchEditor} rewrites one in place, and {@code Variant} is a set of them as a URL
 * writes it ({@code reinject_db_sets_bs=off,db_gate=trap}). See src/docs/editor.md.
 */
package dev.shadowstep.web.switches;
