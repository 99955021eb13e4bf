package dev.shadowstep.permalink;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The permalink table, through plain SQL that SQLite and PostgreSQL both accept. Every write is
 * one auto-committed statement, so a link is durable before it is acknowledged, and no
 * read-then-write transaction can dead-lock on SQLite's single writer.
 */
public class PermalinkStore {

    /** Fixed width, so that the text sorts as the instant does. */
    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS =
            "id, hash, source, title, summary, engine, trace_digest, trace_prints, created_at";
    /** A new id can clash with a concurrent insert only by a 50-bit prefix collision; retry a few times. */
    private static final int ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StoreFile file;

    public PermalinkStore(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, StoreFile.NONE);
    }

    /** A store whose writes are refused once {@code file} is deleted or replaced. */
    public PermalinkStore(JdbcClient jdbc, Clock clock, StoreFile file) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.file = file;
    }

    /** What to store for a new link; {@code engine} and {@code digest} are null when there was no run. */
    public record NewLink(String hash, String source, LinkPreview preview, String engine, TraceDigest digest) {}

    /** The stored link and whether this call created it (false: the scenario was already stored). */
    public record Saved(StoredLink link, boolean created) {}

    /** Returns the link with exactly this id. */
    public Optional<StoredLink> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM permalink WHERE id = :id").param("id", id)
                .query(PermalinkStore::row).optional();
    }

    /** Returns the link whose canonical form has this full hash. */
    public Optional<StoredLink> findByHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM permalink WHERE hash = :hash").param("hash", hash)
                .query(PermalinkStore::row).optional();
    }

    /**
     * Stores the link under the shortest unique prefix of its hash, or returns the link already
     * stored for that hash. Returns only after the row is committed, to the file opened at start.
     *
     * @throws StoreUnavailableException when that file was deleted or replaced
     */
    public Saved save(NewLink link) {
        file.checkUnchanged();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredLink> existing = findByHash(link.hash());
            if (existing.isPresent()) {
                return new Saved(existing.get(), false);
            }
            List<String> neighbours = jdbc.sql("SELECT hash FROM permalink WHERE bucket = :bucket")
                    .param("bucket", PermalinkIds.bucket(link.hash())).query(String.class).list();
            String id = PermalinkIds.shortestUniquePrefix(link.hash(), neighbours);
            Instant now = clock.instant();
            // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+): a concurrent insert of the same
            // scenario or of a clashing id leaves 0 rows, and the loop looks again.
            int rows = jdbc.sql("INSERT INTO permalink (" + COLUMNS + ", bucket, canonical_form) VALUES "
                            + "(:id, :hash, :source, :title, :summary, :engine, :digest, :prints, :created, :bucket, :form)"
                            + " ON CONFLICT DO NOTHING")
                    .param("id", id)
                    .param("hash", link.hash())
                    .param("source", link.source())
                    .param("title", link.preview().title())
                    .param("summary", link.preview().summary())
                    .param("engine", link.engine())
                    .param("digest", link.digest() == null ? null : link.digest().sha256())
                    .param("prints", link.digest() == null ? null : link.digest().prints().encode())
                    .param("created", CREATED_AT.format(now))
                    .param("bucket", PermalinkIds.bucket(link.hash()))
                    .param("form", CanonicalScenario.VERSION)
                    .update();
            if (rows == 1) {
                file.checkUnchanged(); // replaced during the insert: the row is not durable, do not acknowledge it
                return new Saved(new StoredLink(id, link.hash(), link.source(), link.preview(), link.engine(),
                        link.digest(), Instant.parse(CREATED_AT.format(now))), true);
            }
        }
        throw new IllegalStateException("could not store the permalink after " + ATTEMPTS
                + " attempts: its id kept clashing with concurrent inserts");
    }

    /**
     * Records the digest of a link stored without one (made when no engine was available); a link
     * that has a digest keeps it. Returns true when this call recorded it.
     */
    public boolean recordDigest(String id, String engine, TraceDigest digest) {
        file.checkUnchanged();
        return jdbc.sql("UPDATE permalink SET engine = :engine, trace_digest = :digest, trace_prints = :prints"
                        + " WHERE id = :id AND trace_digest IS NULL")
                .param("engine", engine)
                .param("digest", digest.sha256())
                .param("prints", digest.prints().encode())
                .param("id", id)
                .update() == 1;
    }

    /** Returns how many links are stored. */
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM permalink").query(Long.class).single();
    }

    private static StoredLink row(ResultSet rs, int rowNum) throws SQLException {
        String digest = rs.getString("trace_digest");
        String prints = rs.getString("trace_prints");
        return new StoredLink(rs.getString("id"), rs.getString("hash"), rs.getString("source"),
                new LinkPreview(rs.getString("title"), rs.getString("summary")), rs.getString("engine"),
                digest == null ? null : new TraceDigest(digest, TracePrints.decode(prints)),
                Instant.parse(rs.getString("created_at")));
    }
}
