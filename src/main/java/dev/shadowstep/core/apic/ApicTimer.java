package dev.shadowstep.core.apic;

/**
 * The local APIC timer (SDM Vol. 3A 11.5.4; 12.5.4 in newer editions): the LVT timer register,
 * the initial count, the divide configuration, and IA32_TSC_DEADLINE (SDM 11.5.4.1).
 *
 * <p>Time is the time-stamp counter, which in shadowstep is the number of guest instructions
 * retired (RDTSC reads the same clock). In one-shot and periodic mode <b>one count is
 * {@link #divisor()} retired instructions</b>: the current count drops by one each time that many
 * instructions retire, so with divide-by-1 an initial count of N expires N instructions after the
 * instruction that wrote it. In TSC-deadline mode the timer compares the TSC with the deadline.
 * The timer is kept as the TSC at which it expires ({@code expiry}), so the state changes only
 * when software writes a register or the timer expires, never once per instruction.
 *
 * @param lvt          the LVT timer register: vector 7:0, mask 16, timer mode 18:17 (SDM 11.5.1)
 * @param initialCount the initial-count register (32 bits)
 * @param divide       the divide-configuration register: bits 0, 1 and 3 (SDM Figure 11-10)
 * @param expiry       one-shot / periodic: the TSC at which the current count reaches 0; -1 when
 *                     the timer is not counting
 * @param deadline     IA32_TSC_DEADLINE: the TSC at which the timer fires in TSC-deadline mode; 0 is disarmed
 */
public record ApicTimer(int lvt, long initialCount, int divide, long expiry, long deadline) {

    /** LVT bit 16: masked (SDM 11.5.1). */
    public static final int MASKED = 1 << 16;
    /** The LVT bits that exist: vector 7:0, delivery status 12 (read-only), mask 16, mode 18:17. */
    public static final int LVT_WRITABLE = 0xFF | MASKED | 3 << 17;
    /** The divide-configuration bits that exist (SDM Figure 11-10): 0, 1 and 3. */
    public static final int DIVIDE_BITS = 0b1011;
    /** After reset the LVT entries are masked, the counts 0, the divide value 0 (divide by 2), IA32_TSC_DEADLINE 0. */
    public static final ApicTimer RESET = new ApicTimer(MASKED, 0, 0, -1, 0);

    /** The timer modes of LVT timer bits 18:17 (SDM Vol. 3A Figure 11-8, "Timer Mode"). */
    public enum Mode {
        ONE_SHOT, PERIODIC, TSC_DEADLINE, RESERVED;

        /** Returns the name the trace and the scenario use. */
        public String wireName() {
            return switch (this) {
                case ONE_SHOT -> "one-shot";
                case PERIODIC -> "periodic";
                case TSC_DEADLINE -> "tsc-deadline";
                case RESERVED -> "reserved";
            };
        }
    }

    public ApicTimer {
        if ((lvt & ~LVT_WRITABLE) != 0) {
            throw new IllegalArgumentException(String.format("LVT timer 0x%x: only bits 7:0, 16 and 18:17 exist", lvt));
        }
        if (initialCount < 0 || initialCount > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("initial count " + initialCount + " is out of range: it is a 32-bit register");
        }
        if ((divide & ~DIVIDE_BITS) != 0) {
            throw new IllegalArgumentException(String.format("divide configuration 0x%x: only bits 0, 1 and 3 exist", divide));
        }
        if (expiry < -1) throw new IllegalArgumentException("expiry " + expiry + ": use -1 for a timer that is not counting");
    }

    /** Returns the timer mode (LVT bits 18:17). */
    public Mode mode() {
        return Mode.values()[(lvt >>> 17) & 3];
    }

    /** Returns the LVT vector. */
    public int vector() {
        return lvt & 0xFF;
    }

    /** Returns whether the LVT entry is masked: the timer counts but raises no interrupt (SDM 11.5.1). */
    public boolean masked() {
        return (lvt & MASKED) != 0;
    }

    /**
     * Returns the divisor of the divide-configuration register (SDM Figure 11-10): bits 3,1:0 = 000 is
     * 2, 001 is 4, 010 is 8, 011 is 16, 100 is 32, 101 is 64, 110 is 128, 111 is 1.
     */
    public long divisor() {
        return divisorOf(divide);
    }

    static long divisorOf(int divide) {
        int v = (divide & 3) | (divide >>> 1 & 4);
        return v == 7 ? 1 : 2L << v;
    }

    /** Returns whether the timer will fire: counting in one-shot/periodic mode, or a non-zero deadline in TSC-deadline mode. */
    public boolean armed() {
        return nextExpiry() >= 0;
    }

    /** Returns the TSC at which the timer fires next, or -1 when it is not armed. */
    public long nextExpiry() {
        return switch (mode()) {
            case ONE_SHOT, PERIODIC -> expiry;
            case TSC_DEADLINE -> deadline == 0 ? -1 : deadline;
            case RESERVED -> -1;
        };
    }

    /**
     * Returns the current-count register at TSC {@code now}: in one-shot and periodic mode the counts
     * left, ceil((expiry - now) / divisor), 0 once expired; 0 in TSC-deadline mode (SDM 11.5.4.1).
     */
    public long currentCount(long now) {
        if (mode() == Mode.TSC_DEADLINE || expiry < 0 || now >= expiry) return 0;
        long d = divisor();
        return (expiry - now + d - 1) / d;
    }

    /** Returns IA32_TSC_DEADLINE as RDMSR reads it: 0 outside TSC-deadline mode (SDM 11.5.4.1). */
    public long deadlineRead() {
        return mode() == Mode.TSC_DEADLINE ? deadline : 0;
    }

    /**
     * Writes the LVT timer register at TSC {@code now}. A change of timer mode stops the timer: the
     * initial count and the deadline are cleared (KVM apic_update_lvtt does the same; SDM 11.5.4.1 on
     * switching to and from TSC-deadline mode).
     */
    public ApicTimer withLvt(int value, long now) {
        int v = value & LVT_WRITABLE;
        if (((v ^ lvt) >>> 17 & 3) != 0) return new ApicTimer(v, 0, divide, -1, 0);
        return new ApicTimer(v, initialCount, divide, expiry, deadline);
    }

    /**
     * Writes the initial-count register at TSC {@code now} (the instructions retired before the
     * writing one): the count starts, to expire {@code value} counts later (SDM 11.5.4); 0 stops the
     * timer. Ignored in TSC-deadline mode (SDM 11.5.4.1).
     */
    public ApicTimer withInitialCount(long value, long now) {
        long v = value & 0xFFFFFFFFL;
        if (mode() == Mode.TSC_DEADLINE) return this;
        return new ApicTimer(lvt, v, divide, v == 0 ? -1 : now + v * divisor(), deadline);
    }

    /**
     * Writes the divide-configuration register at TSC {@code now}: the counts left go on at the new
     * rate (the current count is kept).
     */
    public ApicTimer withDivide(int value, long now) {
        int v = value & DIVIDE_BITS;
        long left = currentCount(now);
        long newExpiry = expiry < 0 || left == 0 ? expiry : now + left * divisorOf(v);
        return new ApicTimer(lvt, initialCount, v, newExpiry, deadline);
    }

    /**
     * Writes IA32_TSC_DEADLINE: in TSC-deadline mode a non-zero value arms the timer to fire when
     * the TSC reaches it (at once when it already has), 0 disarms it; in the other modes the write
     * is ignored (SDM 11.5.4.1).
     */
    public ApicTimer withDeadline(long value) {
        if (mode() != Mode.TSC_DEADLINE) return this;
        return new ApicTimer(lvt, initialCount, divide, expiry, value);
    }

    /**
     * Returns the timer after it fired at TSC {@code now} (at or after {@link #nextExpiry()}): one-shot
     * stops with the current count 0; periodic reloads the initial count (SDM 11.5.4), counting from its
     * expiry so the period does not drift; TSC-deadline disarms, the MSR reading 0 (SDM 11.5.4.1).
     */
    public ApicTimer expired(long now) {
        return switch (mode()) {
            case ONE_SHOT -> new ApicTimer(lvt, initialCount, divide, -1, deadline);
            case PERIODIC -> {
                long period = initialCount * divisor();
                long next = expiry + period;
                if (next <= now) next = now + period - (now - expiry) % period;   // whole periods passed while halted
                yield new ApicTimer(lvt, initialCount, divide, next, deadline);
            }
            case TSC_DEADLINE -> new ApicTimer(lvt, initialCount, divide, expiry, 0);
            case RESERVED -> this;
        };
    }
}
