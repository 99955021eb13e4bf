package dev.shadowstep.trace;

/**
 * Random access to the steps of a run; implementations may build each {@link Step} on demand.
 * {@link #kind}, {@link #rip} and {@link #state} answer without building the whole step (its
 * texts), so that a pass over ten million steps stays cheap; the defaults build it.
 */
public interface Steps {
    int size();

    Step get(int index);

    /** Returns the kind of step {@code index}. */
    default Step.Kind kind(int index) { return get(index).kind(); }

    /** Returns the RIP before step {@code index}. */
    default long rip(int index) { return get(index).rip(); }

    /** Returns the state after step {@code index}. */
    default State state(int index) { return get(index).state(); }

    /**
     * Returns about how many bytes of heap these steps hold, for caches bounded by bytes. The
     * default counts a built step at 1 KiB; a recording that builds steps on demand knows better.
     */
    default long retainedBytes() { return 1024L * size(); }

    static Steps of(java.util.List<Step> list) {
        return new Steps() {
            @Override public int size() { return list.size(); }
            @Override public Step get(int index) { return list.get(index); }
        };
    }
}
