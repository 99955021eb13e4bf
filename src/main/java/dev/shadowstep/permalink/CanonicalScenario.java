package dev.shadowstep.permalink;

import dev.shadowstep.scenario.ScenarioParsers;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The canonical form of a scenario, which its permalink id hashes: the parsed file re-emitted as
 * compact JSON with map keys sorted (except {@code data}, whose order is the memory layout),
 * numbers in decimal ({@code 0xAA}, {@code "0xaa"} and
 * {@code 170} are one number) and booleans as {@code true}/{@code false}, so key order, layout,
 * quoting and YAML versus JSON do not change the id. Free text is kept exactly as parsed: the
 * {@code title}, {@code summary} and {@code program} (whose whitespace is part of the experiment),
 * and the {@code reason} and {@code check} texts of {@code expect} items, which are matched as text.
 * Other strings are stripped but keep their case ({@code True} stays a string: labels are case
 * sensitive), so two forms are equal only when the scenarios mean the same.
 *
 * <p>Only call this on a scenario that {@code ScenarioLoader.load} accepted: the rules rely on the
 * format's grammar (labels never look like numbers; no aliases, no duplicate keys).
 */
public final class CanonicalScenario {

    /** The version of these rules, hashed with the form and stored with each link. */
    public static final int VERSION = 1;

    private static final String HASH_PREFIX = "shadowstep-scenario-canonical/" + VERSION + "\n";
    private static final Set<String> TOP_LEVEL_TEXT = Set.of("title", "summary", "program");
    private static final Set<String> EXPECT_TEXT = Set.of("reason", "check");
    /** Integers as the scenario format writes them (Values.NUMBER in the scenario reader). */
    private static final Pattern NUMBER = Pattern.compile("(-?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))");
    private static final List<String> DATA = List.of("data");
    private static final JsonFactory JSON = new JsonFactory();

    private CanonicalScenario() {}

    /** Returns the canonical form of an accepted scenario text: compact JSON, keys sorted. */
    public static String of(String source) {
        try (JsonParser parser = ScenarioParsers.open(source)) {
            Object tree = value(parser, parser.nextToken(), List.of());
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
                write(tree, g);
            }
            return out.toString();
        }
    }

    /** Returns the SHA-256 of the canonical form (with the rules' version in front), as 32 bytes. */
    public static byte[] sha256(String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest((HASH_PREFIX + of(source)).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns the full hash in the id alphabet: 52 characters, of which an id is a prefix. */
    public static String hash(String source) {
        return PermalinkIds.encode(sha256(source));
    }

    private static Object value(JsonParser parser, JsonToken token, List<String> path) {
        return switch (token) {
            case START_OBJECT -> map(parser, path);
            case START_ARRAY -> list(parser, path);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> isFreeText(path) ? parser.getString() : scalar(parser.getString());
        };
    }

    private static Map<String, Object> map(JsonParser parser, List<String> path) {
        // data cells are placed in file order, so their order is part of the experiment
        Map<String, Object> map = path.equals(DATA) ? new LinkedHashMap<>() : new TreeMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            List<String> keyPath = append(path, key);
            Object canonicalKey = scalar(key);
            map.put(String.valueOf(canonicalKey), value(parser, parser.nextToken(), keyPath));
        }
        return map;
    }

    private static List<Object> list(JsonParser parser, List<String> path) {
        List<Object> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(value(parser, token, append(path, "[]")));
        }
        return items;
    }

    /** Returns a number-like text as its value, anything else stripped, as every section reader strips it. */
    private static Object scalar(String text) {
        String stripped = text.strip();
        Matcher m = NUMBER.matcher(stripped);
        if (!m.matches()) {
            return stripped;
        }
        BigInteger value = m.group(2) != null ? new BigInteger(m.group(2), 16) : new BigInteger(m.group(3));
        return m.group(1).isEmpty() ? value : value.negate();
    }

    private static boolean isFreeText(List<String> path) {
        if (path.size() == 1) {
            return TOP_LEVEL_TEXT.contains(path.getFirst());
        }
        return !path.isEmpty() && path.getFirst().equals("expect") && EXPECT_TEXT.contains(path.getLast());
    }

    private static void write(Object node, JsonGenerator g) {
        switch (node) {
            case null -> g.writeNull();
            case Map<?, ?> map -> {
                g.writeStartObject();
                map.forEach((k, v) -> {
                    g.writeName((String) k);
                    write(v, g);
                });
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                list.forEach(item -> write(item, g));
                g.writeEndArray();
            }
            case BigInteger number -> g.writeNumber(number);
            case Boolean bool -> g.writeBoolean(bool);
            default -> g.writeString((String) node);
        }
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
    }
}
