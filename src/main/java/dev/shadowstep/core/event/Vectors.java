package dev.shadowstep.core.event;

/** Exception vector names (SDM Vol. 3 Table 6-1). */
public final class Vectors {
    private Vectors() {}

    private static final String[] NAMES = {
        "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF",
        "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP"};

    /** The number of vectors with a mnemonic: 0 to 21 (22 up are free for interrupts and software). */
    public static final int NAMED = NAMES.length;

    /** Returns {@code #GP} for 13 and so on, or {@code vector 0xNN} above 21. */
    public static String mnemonic(int vector) {
        return vector < NAMES.length ? NAMES[vector] : "vector 0x" + Integer.toHexString(vector);
    }

    /** Returns whether delivering exception {@code vector} pushes an error code (#DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP). */
    public static boolean hasErrorCode(int vector) {
        return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21;
    }
}
