/**
 * The compare page ({@code /compare}, {@code /s/{a}/vs/{b}}), its text and JSON forms, and what-if
 * forks: two runs lined up on the guest ({@code dev.shadowstep.compare}), every difference named,
 * both inspectors side by side.
 */
package dev.shadowstep.web.compare;
