package dev.shadowstep.trace;

/** Random access to the steps of a run; implementations may build each {@link Step} on demand. */
public interface Steps {
    int size();

    Step get(int index);

    static Steps of(java.util.List<Step> list) {
        return new Steps() {
            @Override public int size() { return list.size(); }
            @Override public Step get(int index) { return list.get(index); }
        };
    }
}
