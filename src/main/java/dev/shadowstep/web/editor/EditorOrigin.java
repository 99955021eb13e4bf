package dev.shadowstep.web.editor;

/**
 * What the editor's text is a copy of: a library scenario, a permalink or a kept run. The
 * original never changes; sharing the copy makes a new link.
 *
 * @param title the original's title
 * @param href  where the original is
 * @param keeps who keeps the original, e.g. "the library keeps the original"
 */
record EditorOrigin(String title, String href, String keeps) {}
