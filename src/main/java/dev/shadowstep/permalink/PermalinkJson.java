package dev.shadowstep.permalink;

import dev.shadowstep.trace.TraceJson;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the {@code .json} form: the trace in trace format 1, streamed, with one added top-level
 * field (the format allows added fields), {@code permalink}:
 * <pre>
 * "permalink": {"id": "k3x9f2a7qd", "created_at": "2026-11-26T10:00:00.000Z", "engine": "shadowstep 0.1.0",
 *               "drift": {"status": "changed", "step": 12, "stored_engine": "shadowstep 0.1.0",
 *                         "engine": "shadowstep 0.2.0", "message": "..."}}
 * </pre>
 * {@code engine} is the engine that made the stored digest; {@code drift.status} is {@code none},
 * {@code changed} or {@code unknown}; {@code step} appears only when a change is located.
 */
final class PermalinkJson {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private PermalinkJson() {}

    /** Writes the trace of the opened link, followed by its {@code permalink} field; does not close {@code out}. */
    static void write(Permalink link, OutputStream out) throws IOException {
        HoldLastByte held = new HoldLastByte(out);
        TraceJson.write(link.trace(), held);
        if (held.last != '}') {
            throw new IllegalStateException("the trace JSON did not end with '}'");
        }
        out.write(',');
        // A generator cannot start with a property name, so it writes {"permalink":{...}} and its
        // opening brace is dropped; its closing brace closes the trace object.
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), new SkipFirstByte(out))) {
            g.writeStartObject();
            writeField(link, g);
            g.writeEndObject();
        }
    }

    private static void writeField(Permalink link, JsonGenerator g) {
        g.writeName("permalink");
        g.writeStartObject();
        g.writeStringProperty("id", link.id());
        g.writeStringProperty("created_at", link.link().createdAt().toString());
        if (link.link().engine() != null) {
            g.writeStringProperty("engine", link.link().engine());
        }
        Drift d = link.drift();
        g.writeName("drift");
        g.writeStartObject();
        g.writeStringProperty("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        if (d.changed() && d.step() >= 0) {
            g.writeNumberProperty("step", d.step());
        }
        if (d.storedEngine() != null) {
            g.writeStringProperty("stored_engine", d.storedEngine());
        }
        if (d.currentEngine() != null) {
            g.writeStringProperty("engine", d.currentEngine());
        }
        g.writeStringProperty("message", d.message());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Passes bytes through one behind, so the closing brace of the trace object can be dropped. */
    private static final class HoldLastByte extends FilterOutputStream {
        private int last = -1;

        HoldLastByte(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            try {
                if (last >= 0) {
                    out.write(last);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last = b & 0xff;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len == 0) {
                return;
            }
            try {
                if (last >= 0) {
                    out.write(last);
                }
                out.write(b, off, len - 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last = b[off + len - 1] & 0xff;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }

    /** Drops the first byte written: the opening brace of the generator's object. */
    private static final class SkipFirstByte extends FilterOutputStream {
        private boolean skipped;

        SkipFirstByte(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (skipped) {
                out.write(b);
            }
            skipped = true;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0 && !skipped) {
                skipped = true;
                off++;
                len--;
            }
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
