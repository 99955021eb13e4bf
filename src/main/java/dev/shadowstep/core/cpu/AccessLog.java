package dev.shadowstep.core.cpu;

/** The data accesses of the current instruction, kept only while a data breakpoint is enabled. */
public final class AccessLog {
    private static final int MAX = 16;
    private final long[] addresses = new long[MAX];
    private final int[] sizes = new int[MAX];
    private final boolean[] writes = new boolean[MAX];
    private int count;
    private boolean enabled;

    /** Starts a new instruction; logging only when {@code enable}. */
    public void reset(boolean enable) {
        count = 0;
        enabled = enable;
    }

    void record(long address, int size, boolean write) {
        if (enabled && count < MAX) {
            addresses[count] = address;
            sizes[count] = size;
            writes[count] = write;
            count++;
        }
    }

    public int count() { return count; }
    public long address(int i) { return addresses[i]; }
    public int size(int i) { return sizes[i]; }
    public boolean isWrite(int i) { return writes[i]; }
}
