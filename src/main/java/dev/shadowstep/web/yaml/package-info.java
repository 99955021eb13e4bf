/**
 * A scenario text with its YAML node tree and each node's place in the text, for code that
 * must read or rewrite one setting and keep everything else byte for byte.
 */
package dev.shadowstep.web.yaml;
