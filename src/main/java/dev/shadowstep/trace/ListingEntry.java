package dev.shadowstep.trace;

import java.util.List;

/** One assembled instruction or data item: address, encoded bytes, source text, labels, source line (0 for data cells). */
public record ListingEntry(long address, byte[] bytes, String text, List<String> labels, int line) {}
