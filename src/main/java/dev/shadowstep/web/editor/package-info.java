/**
 * The scenario editor ({@code /editor}): checks as you type (htmx fragments), switches, Run to
 * {@code /runs/{id}} and Compare. Every action is also a plain form post. See src/docs/editor.md.
 */
package dev.shadowstep.web.editor;
