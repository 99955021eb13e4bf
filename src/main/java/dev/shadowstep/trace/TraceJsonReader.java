package dev.shadowstep.trace;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads trace JSON back into the model. The top level is read as a stream and each step
 * as a small tree, so memory holds the step records but never the whole document's tree.
 */
final class TraceJsonReader {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private TraceJsonReader() {}

    static Trace read(InputStream in) {
        try (JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TraceFormatException("trace" + at(p.currentTokenLocation())
                        + ": expected a JSON object {\"format\": 1, ...}");
            }
            ObjectNode top = MAPPER.createObjectNode();
            List<Step> steps = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("steps")) {
                    steps = readSteps(p);
                } else {
                    top.set(name, p.<JsonNode>readValueAsTree());
                }
            }
            return toTrace(new JsonObjectReader(top, "", ""), steps);
        } catch (JacksonException e) {
            throw new TraceFormatException("trace JSON is malformed" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage());
        }
    }

    private static Trace toTrace(JsonObjectReader top, List<Step> steps) {
        int format = top.integer("format");
        if (format != Trace.FORMAT) {
            throw top.error("format", "this reader knows trace format " + Trace.FORMAT + ", the file has " + format);
        }
        if (steps == null) {
            throw top.error("steps", "missing; the trace format (version 1) requires it");
        }
        JsonObjectReader scenario = top.object("scenario");
        return new Trace(format, top.string("engine"),
                new Trace.ScenarioRef(scenario.optionalString("title"), scenario.optionalString("id")),
                symbols(top.object("symbols")),
                list(top, "listing", RecordJsonReader::listingEntry),
                Steps.of(steps),
                list(top, "events", RecordJsonReader::event),
                RecordJsonReader.outcome(top.object("outcome")),
                list(top, "expectations", RecordJsonReader::expectation),
                list(top, "findings", RecordJsonReader::finding));
    }

    private static List<Step> readSteps(JsonParser p) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new TraceFormatException("steps" + at(p.currentTokenLocation()) + ": expected a JSON array of steps");
        }
        List<Step> steps = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String where = at(p.currentTokenLocation());
            JsonNode node = p.<JsonNode>readValueAsTree();
            steps.add(StepJsonReader.step(new JsonObjectReader(node, "steps[" + steps.size() + "]", where)));
        }
        return steps;
    }

    private static Map<String, Long> symbols(JsonObjectReader symbols) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : symbols.node().propertyNames()) {
            out.put(name, symbols.hex(name));
        }
        return out;
    }

    private static <T> List<T> list(JsonObjectReader top, String name,
                                    java.util.function.Function<JsonObjectReader, T> reader) {
        JsonNode items = top.items(name);
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(reader.apply(new JsonObjectReader(items.get(i), name + "[" + i + "]", "")));
        }
        return List.copyOf(out);
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
