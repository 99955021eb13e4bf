package dev.shadowstep.findings;

import dev.shadowstep.trace.ListingEntry;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses of the IRET instructions in a program's listing, found by their bytes (opcode
 * 0xCF after operand-size or REX prefixes: {@code iret}, {@code iretq}, {@code .byte 0x48, 0xcf}),
 * so that a pass over the steps can tell a handler's return by its RIP alone.
 */
final class IretSites {
    private static final int IRET = 0xcf, OPERAND_SIZE = 0x66;

    private final long[] sorted;

    private IretSites(long[] sorted) {
        this.sorted = sorted;
    }

    /** Returns the IRET sites of {@code listing}. */
    static IretSites of(List<ListingEntry> listing) {
        return new IretSites(listing.stream().filter(e -> isIret(e.bytes()))
                .mapToLong(ListingEntry::address).sorted().toArray());
    }

    /** Returns whether the instruction at {@code rip} is an IRET. */
    boolean contains(long rip) {
        return sorted.length > 0 && Arrays.binarySearch(sorted, rip) >= 0;
    }

    /** Returns whether there is no IRET in the program at all. */
    boolean isEmpty() {
        return sorted.length == 0;
    }

    private static boolean isIret(byte[] bytes) {
        if (bytes.length == 0 || (bytes[bytes.length - 1] & 0xff) != IRET) return false;
        for (int i = 0; i < bytes.length - 1; i++) {
            int b = bytes[i] & 0xff;
            if (b != OPERAND_SIZE && (b & 0xf0) != 0x40) return false;
        }
        return true;
    }
}
