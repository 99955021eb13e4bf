package dev.shadowstep.web.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A server-sent events client that behaves like a browser's EventSource where it matters here: an
 * event counts only once its blank line has arrived (a half-received event at a broken connection
 * is dropped), the last id seen is sent back as {@code Last-Event-ID} on reconnecting, and a broken
 * stream is reconnected until the {@code end} event (or the attempts run out).
 */
final class SseClient {

    /** One dispatched event, and the instance (the balancer's X-Served-By) whose connection carried it. */
    record Event(String id, String name, String data, String servedBy) {}

    /** What one connection did: who served it, its status, and how many events it carried. */
    record Connection(String servedBy, int status, int events) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final List<Event> events = new ArrayList<>();
    final List<Connection> connections = new ArrayList<>();
    private String lastEventId;

    /**
     * Reads the stream at {@code url} to its {@code end} event, reconnecting with Last-Event-ID after
     * each break (a pause of {@code retry} between attempts, at most {@code attempts} connections);
     * {@code onEvent} sees each event as it is dispatched. Returns whether the end event arrived.
     */
    boolean readToEnd(URI url, int attempts, Duration retry, Consumer<Event> onEvent) throws InterruptedException {
        for (int i = 0; i < attempts; i++) {
            if (i > 0) Thread.sleep(retry.toMillis());
            if (readOnce(url, onEvent)) return true;
        }
        return false;
    }

    private boolean readOnce(URI url, Consumer<Event> onEvent) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            connections.add(new Connection(null, -1, 0));
            return false;
        }
        String servedBy = response.headers().firstValue("X-Served-By").orElse(null);
        int before = events.size();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) return false;
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        Event event = new Event(id, name == null ? "message" : name, data.toString(), servedBy);
                        if (id != null) lastEventId = id;
                        events.add(event);
                        onEvent.accept(event);
                        if ("end".equals(event.name())) return true;
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = field(line, 3);
                } else if (line.startsWith("event:")) {
                    name = field(line, 6);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(field(line, 5));
                }
            }
            return false; // the stream ended without its end event: reconnect
        } catch (IOException broken) {
            return false; // the connection broke (the instance died): whatever was half-received is dropped
        } finally {
            connections.add(new Connection(servedBy, response.statusCode(), events.size() - before));
        }
    }

    private static String field(String line, int from) {
        return line.length() > from && line.charAt(from) == ' ' ? line.substring(from + 1) : line.substring(from);
    }
}
