package dev.shadowstep.scenario;

/** Builds key paths as errors name them: {@code cpu.rflags}, {@code host[1].raise_irq}. */
final class Paths {

    private Paths() {}

    /** Returns the path of a key inside the map at {@code parent}. */
    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Returns the path of a list element. */
    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
