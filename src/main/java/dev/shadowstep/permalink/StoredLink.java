package dev.shadowstep.permalink;

import java.time.Instant;

/**
 * One permalink as stored: the scenario text exactly as submitted and what was known when the
 * link was made.
 *
 * @param id          the id in links: the shortest unique prefix (10+ characters) of {@code hash}
 * @param hash        the full SHA-256 of the canonical form, 52 characters in the id alphabet
 * @param source      the scenario text exactly as submitted
 * @param preview     title and first sentence of the summary, for link previews
 * @param engine      the engine that made the stored digest ({@code shadowstep 0.1.0}); null when none did
 * @param digest      what that engine's run showed; null when the link was stored without a run
 * @param createdAt   when the link was made
 */
public record StoredLink(String id, String hash, String source, LinkPreview preview, String engine,
                         TraceDigest digest, Instant createdAt) {}
