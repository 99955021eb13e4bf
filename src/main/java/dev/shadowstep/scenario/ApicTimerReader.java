package dev.shadowstep.scenario;

import java.util.List;

/**
 * Reads {@code apic.timer}: the APIC timer at start (SDM Vol. 3A 11.5.4), as if software had
 * written its registers before the first instruction, at TSC 0. Each key is checked against the
 * register it stands for, and against the timer mode it only has a meaning in.
 */
final class ApicTimerReader {

    static final List<String> KEYS = List.of("lvt", "divide", "initial_count", "deadline");

    /** LVT timer bits that exist: vector 7:0, mask 16, timer mode 18:17 (SDM Vol. 3A Figure 11-8). */
    private static final long LVT_BITS = 0xFF | 1 << 16 | 3 << 17;

    private ApicTimerReader() {}

    /** Returns the timer at start, or null after reporting errors. */
    static ApicSetup.Timer read(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        int before = errors.size();
        Long lvt = f.has("lvt") ? Values.integer(f.get("lvt"), f.path("lvt"), errors, IntRange.U32) : Long.valueOf(1 << 16);
        Long divide = f.has("divide") ? Values.integer(f.get("divide"), f.path("divide"), errors, IntRange.U32) : Long.valueOf(0);
        Long count = f.has("initial_count")
                ? Values.integer(f.get("initial_count"), f.path("initial_count"), errors, IntRange.U32) : Long.valueOf(0);
        Long deadline = f.has("deadline") ? Values.integer(f.get("deadline"), f.path("deadline"), errors, IntRange.U64)
                : Long.valueOf(0);
        if (errors.size() > before) return null;
        if ((lvt & ~LVT_BITS) != 0) {
            errors.add(f.path("lvt"), f.get("lvt").location(), String.format("LVT timer 0x%x sets bits that do not exist "
                    + "(0x%x): only the vector (7:0), the mask (16) and the timer mode (18:17) do (SDM Vol. 3A 11.5.1)",
                    lvt, lvt & ~LVT_BITS));
        } else if ((lvt >>> 17 & 3) == 3) {
            errors.add(f.path("lvt"), f.get("lvt").location(), "LVT timer mode 11 (bits 18:17) is reserved: use 00 one-shot, "
                    + "01 periodic (0x20000) or 10 TSC-deadline (0x40000) (SDM Vol. 3A 11.5.1)");
        } else if ((lvt & 1 << 16) == 0 && (lvt & 0xFF) < 16) {
            errors.add(f.path("lvt"), f.get("lvt").location(), String.format("vector 0x%x is illegal for an unmasked LVT "
                    + "entry: vectors 0-15 are never delivered (SDM Vol. 3A 11.5.3); use 16-255, or set the mask (0x10000)",
                    lvt & 0xFF));
        }
        if ((divide & ~0b1011L) != 0) {
            errors.add(f.path("divide"), f.get("divide").location(), String.format("divide configuration 0x%x: only bits 0, "
                    + "1 and 3 exist (SDM Vol. 3A Figure 11-10: 0x0 divides by 2, 0x1 by 4, ..., 0xb by 1)", divide));
        }
        boolean deadlineMode = (lvt >>> 17 & 3) == 2;
        if (f.has("deadline") && !deadlineMode && deadline != 0) {
            errors.add(f.path("deadline"), f.get("deadline").location(), "deadline needs the TSC-deadline mode: outside it "
                    + "IA32_TSC_DEADLINE is ignored (SDM Vol. 3A 11.5.4.1); set lvt bits 18:17 to 10 (e.g. lvt: 0x400ee)");
        }
        if (f.has("initial_count") && deadlineMode && count != 0) {
            errors.add(f.path("initial_count"), f.get("initial_count").location(), "in TSC-deadline mode the initial count "
                    + "is ignored (SDM Vol. 3A 11.5.4.1); give deadline instead");
        }
        if (errors.size() > before) return null;
        return new ApicSetup.Timer(lvt.intValue(), divide.intValue(), count, deadline);
    }
}
