package dev.shadowstep.findings;

import dev.shadowstep.trace.ListingEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names addresses for messages and {@code expect} items: {@code irq_handler},
 * {@code db_handler+0x9}, or the address in hex when it lies outside the program (the stack, an
 * unmapped page) or before its first label.
 */
final class Labels {
    /** Address to name; the first name defined at an address wins, as in the listing. */
    private final TreeMap<Long, String> byAddress = new TreeMap<>(Long::compareUnsigned);
    private final long end;

    Labels(Map<String, Long> symbols, List<ListingEntry> listing) {
        symbols.forEach((name, address) -> byAddress.putIfAbsent(address, name));
        long last = 0;
        for (ListingEntry e : listing) {
            last = Math.max(last, e.address() + e.bytes().length);
        }
        end = last;
    }

    /** Returns the nearest label at or before {@code address} with a hex offset, or the address in hex. */
    String at(long address) {
        Map.Entry<Long, String> e = byAddress.floorEntry(address);
        if (e == null || (Long.compareUnsigned(address, end) >= 0 && address != e.getKey())) return hex(address);
        long offset = address - e.getKey();
        return offset == 0 ? e.getValue() : e.getValue() + "+0x" + Long.toHexString(offset);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
