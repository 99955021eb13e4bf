package dev.shadowstep.core.vmx;

/**
 * The format of the VM-entry and VM-exit interruption-information fields (SDM Vol. 3 24.8.3, 24.9.2):
 * bits 7:0 vector, 10:8 type, 11 deliver error code, 31 valid.
 */
public record InterruptionInfo(boolean valid, Type type, int vector, boolean deliverErrorCode) {

    /** Bit 31: the field holds an event. */
    public static final long VALID = 1L << 31;
    /** Bit 11: an error code is pushed. */
    public static final long DELIVER_ERROR_CODE = 1L << 11;

    /** The interruption type, bits 10:8. */
    public enum Type {
        EXTERNAL_INTERRUPT(0, "external interrupt"), RESERVED(1, "reserved type 1"), NMI(2, "NMI"),
        HARDWARE_EXCEPTION(3, "hardware exception"), SOFTWARE_INTERRUPT(4, "software interrupt"),
        PRIVILEGED_SOFTWARE_EXCEPTION(5, "privileged software exception"), SOFTWARE_EXCEPTION(6, "software exception"),
        OTHER_EVENT(7, "other event");

        private final int code;
        private final String words;

        Type(int code, String words) {
            this.code = code;
            this.words = words;
        }

        public int code() { return code; }

        /** Returns the type in words, e.g. {@code hardware exception}. */
        public String words() { return words; }

        /** Returns the type with this code (0-7). */
        public static Type of(int code) {
            return values()[code & 7];
        }
    }

    /** Returns the field decoded. */
    public static InterruptionInfo decode(long field) {
        return new InterruptionInfo((field & VALID) != 0, Type.of((int) (field >>> 8)), (int) (field & 0xFF),
                (field & DELIVER_ERROR_CODE) != 0);
    }

    /** Returns a valid field for an event. */
    public static long encode(Type type, int vector, boolean deliverErrorCode) {
        return VALID | (long) type.code() << 8 | (vector & 0xFF) | (deliverErrorCode ? DELIVER_ERROR_CODE : 0);
    }

    /** Returns "a " or "an " for a phrase. */
    public static String article(String phrase) {
        return !phrase.isEmpty() && "aeiouAEIOU".indexOf(phrase.charAt(0)) >= 0 ? "an " : "a ";
    }

    /** Returns the event in words: {@code hardware exception #DB (vector 1)}, {@code external interrupt 0xaa}, {@code NMI}. */
    public String describe() {
        if (!valid) return "nothing";
        return switch (type) {
            case EXTERNAL_INTERRUPT -> "external interrupt 0x" + Integer.toHexString(vector);
            case NMI -> "NMI";
            default -> type.words() + " " + dev.shadowstep.core.event.Vectors.mnemonic(vector) + " (vector " + vector + ")";
        };
    }
}
