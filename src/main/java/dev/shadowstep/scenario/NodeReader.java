package dev.shadowstep.scenario;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the token stream of a YAML or JSON text into a {@link Node} tree with locations. Data
 * binding would lose the line of each value, hence the hand-built tree. A duplicate key is an
 * error here, since YAML parsers otherwise keep the last value silently.
 */
final class NodeReader {

    /** Bounds recursion and path length; see {@link ScenarioLoader#MAX_DEPTH}. */
    static final int MAX_DEPTH = ScenarioLoader.MAX_DEPTH;

    private final Errors errors;
    /** The path of the value being read: where a syntax error is reported. */
    private String path = "";
    private int depth;

    private NodeReader(Errors errors) {
        this.errors = errors;
    }

    /** Returns the document's root node, or null after reporting why there is none. */
    static Node read(String text, Errors errors) {
        boolean json = ScenarioParsers.looksLikeJson(text);
        NodeReader reader = new NodeReader(errors);
        try (JsonParser parser = ScenarioParsers.open(text)) {
            return reader.document(parser);
        } catch (JacksonException | org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
            SyntaxErrors.Found found = SyntaxErrors.describe(e, json);
            errors.add(reader.path, found.at(), found.message());
            return null;
        }
    }

    private Node document(JsonParser parser) {
        JsonToken first = parser.nextToken();
        if (first == null) {
            errors.add("", new Node.Location(1, 1),
                    "the scenario is empty: write a map with at least format: 1, title and program");
            return null;
        }
        Node root = value(parser, first);
        if (parser.nextToken() != null) {
            errors.add("", location(parser), "a second YAML document starts here: a scenario file holds "
                    + "exactly one; remove the '---' line and what follows, or split it into two files");
        }
        return root;
    }

    private Node value(JsonParser parser, JsonToken token) {
        if (token == null) throw new StreamReadException(parser, "the text ends in the middle of a value");
        Node.Location at = location(parser);
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && ++depth > MAX_DEPTH) {
            throw new StreamReadException(parser, "maps and lists nest more than " + MAX_DEPTH
                    + " levels deep; a scenario needs at most four");
        }
        return switch (token) {
            case START_OBJECT -> map(parser, at);
            case START_ARRAY -> list(parser, at);
            case VALUE_STRING -> parser instanceof YAMLParser yaml && yaml.isCurrentAlias()
                    ? new Node.Scalar(at, parser.getString(), Node.Kind.ALIAS)
                    : new Node.Scalar(at, parser.getString(), Node.Kind.STRING);
            case VALUE_NUMBER_INT -> new Node.Scalar(at, parser.getString(), Node.Kind.INTEGER);
            case VALUE_NUMBER_FLOAT -> new Node.Scalar(at, parser.getString(), Node.Kind.FLOAT);
            case VALUE_TRUE -> new Node.Scalar(at, "true", Node.Kind.BOOLEAN);
            case VALUE_FALSE -> new Node.Scalar(at, "false", Node.Kind.BOOLEAN);
            case VALUE_NULL -> new Node.Scalar(at, "", Node.Kind.NULL);
            default -> new Node.Scalar(at, "", Node.Kind.BINARY);
        };
    }

    private Node map(JsonParser parser, Node.Location at) {
        String mapPath = path;
        List<Node.Entry> entries = new ArrayList<>();
        Map<String, Node.Location> seen = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            Node.Location keyAt = location(parser);
            path = Paths.key(mapPath, key);
            String keyPath = path;
            Node value = value(parser, parser.nextToken());
            Node.Location first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                errors.add(keyPath, keyAt, "duplicate key '" + key + "' (first written at line "
                        + first.line() + "): remove one of the two");
            } else {
                entries.add(new Node.Entry(key, keyAt, value));
            }
        }
        if (token != JsonToken.END_OBJECT) throw new StreamReadException(parser, "the text ends inside a map");
        depth--;
        return new Node.MapNode(at, List.copyOf(entries));
    }

    private Node list(JsonParser parser, Node.Location at) {
        String listPath = path;
        List<Node> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            path = Paths.index(listPath, items.size());
            items.add(value(parser, token));
        }
        depth--;
        return new Node.ListNode(at, List.copyOf(items));
    }

    private static Node.Location location(JsonParser parser) {
        TokenStreamLocation at = parser.currentTokenLocation();
        if (at == null || at.getLineNr() < 1) return Node.Location.UNKNOWN;
        return new Node.Location(at.getLineNr(), Math.max(at.getColumnNr(), 0));
    }
}
