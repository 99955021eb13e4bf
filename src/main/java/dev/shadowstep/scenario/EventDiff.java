package dev.shadowstep.scenario;

import dev.shadowstep.trace.Event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An {@link EventPattern} with its labels resolved, and how an event differs from it, in words
 * that an expectation failure can show ("dr6 is 0xffff0ff0, expected 0xffff4ff0").
 */
record EventDiff(EventPattern pattern, Long at, Long pc, Map<Long, String> names) {

    /** Returns the pattern with {@code at} and {@code pc} resolved; throws {@link ScenarioException} for an unknown label. */
    static EventDiff resolve(EventPattern pattern, Map<String, Long> symbols) {
        Long at = pattern.at() == null ? null : pattern.at().resolve(symbols);
        Long pc = pattern.pc() == null ? null : pattern.pc().resolve(symbols);
        Map<Long, String> names = new TreeMap<>();
        symbols.forEach((name, address) -> names.merge(address, name, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        return new EventDiff(pattern, at, pc, names);
    }

    boolean matches(Event event) {
        return differences(event).isEmpty();
    }

    /** Returns one phrase per checked field the event does not satisfy. */
    List<String> differences(Event event) {
        List<String> out = new ArrayList<>();
        EventPattern p = pattern;
        if (at != null && !at.equals(event.at())) out.add("at " + address(event.at(), event.label()) + ", expected "
                + address(at, null));
        if (p.vector() != null && !p.vector().equals(event.vector())) out.add("vector " + hex(event.vector())
                + ", expected " + hex(p.vector()));
        if (p.dr6() != null && !p.dr6().equals(event.dr6())) out.add("dr6 " + hex(event.dr6()) + ", expected "
                + hex(p.dr6()));
        if (p.cause() != null && !sameSet(p.cause(), event.cause())) out.add("cause "
                + (event.cause() == null ? "[]" : event.cause()) + ", expected " + p.cause());
        if (p.via() != null && !p.via().equals(event.via())) out.add("via " + event.via() + ", expected " + p.via());
        if (p.reason() != null && (event.reason() == null || !p.reason().equalsIgnoreCase(event.reason()))) {
            out.add("reason " + event.reason() + ", expected " + p.reason());
        }
        if (p.qualification() != null && !p.qualification().equals(event.qualification())) out.add("qualification "
                + hex(event.qualification()) + ", expected " + hex(p.qualification()));
        if (p.check() != null && (event.check() == null || !lower(event.check()).contains(lower(p.check())))) {
            out.add("check '" + event.check() + "', expected one containing '" + p.check() + "'");
        }
        if (p.exit() != null && !p.exit().equals(event.exit())) out.add("exit " + event.exit() + ", expected "
                + p.exit());
        if (p.exception() != null && !p.exception().equals(event.exception())) out.add("exception "
                + event.exception() + ", expected " + p.exception());
        if (pc != null && !pc.equals(event.pc())) out.add("pc " + address(event.pc(), null) + ", expected "
                + address(pc, null));
        if (p.dr7() != null && !p.dr7().equals(event.dr7())) out.add("dr7 " + hex(event.dr7()) + ", expected "
                + hex(p.dr7()));
        if (p.port() != null && !p.port().equals(event.port())) out.add("port " + hex(event.port()) + ", expected "
                + hex(p.port()));
        if (p.io() != null && !p.io().equals(event.io())) out.add("io " + event.io() + ", expected " + p.io());
        if (p.value() != null && !p.value().equals(event.value())) out.add("value " + hex(event.value()) + ", expected "
                + hex(p.value()));
        return out;
    }

    /** Returns an address with its label: {@code 0x40100b (fep_sti_start)}. */
    String address(Long value, String label) {
        if (value == null) return "none";
        String name = label != null ? label : names.get(value);
        return hex(value) + (name == null ? "" : " (" + name + ")");
    }

    private static boolean sameSet(List<String> expected, List<String> actual) {
        return actual != null && new HashSet<>(expected).equals(new HashSet<>(actual));
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    static String hex(Number value) {
        return value == null ? "none" : "0x" + Long.toHexString(value.longValue());
    }

    /** Returns the event in short words: {@code db at step 7 (at 0x40100b (fep_sti_start))}. */
    String describe(Event event) {
        String where = event.at() == null ? "" : " at " + address(event.at(), event.label());
        return event.type().wireName() + " at step " + event.step() + (where.isEmpty() ? "" : " (" + where.strip() + ")");
    }

    static boolean sameType(Event event, Event.Type type) {
        return Objects.equals(event.type(), type);
    }
}
