package dev.shadowstep.web.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code draft} table (migration V2) through plain SQL that SQLite and PostgreSQL both accept.
 * Every write is one auto-committed statement, as for permalinks. Drafts not used for the
 * time-to-live are deleted now and then by the instance that saves one.
 */
final class JdbcDraftStore implements DraftStore {

    /** Fixed width, so that the text sorts as the instant does (as permalink.created_at). */
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** A used draft is marked at most this often, so reading a run is not a write each time. */
    private static final Duration MARK_EVERY = Duration.ofHours(1);
    /** One save in this many also deletes the expired drafts. */
    private static final int PURGE_EVERY = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final AtomicLong saves = new AtomicLong();

    JdbcDraftStore(JdbcClient jdbc, Clock clock, Duration ttl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void save(Draft draft) {
        String now = AT.format(clock.instant());
        int rows = jdbc.sql("INSERT INTO draft (id, hash, source, permalink, slug, created_at, used_at) "
                        + "VALUES (:id, :hash, :source, :permalink, :slug, :now, :now) ON CONFLICT DO NOTHING")
                .param("id", draft.id()).param("hash", draft.hash()).param("source", draft.source())
                .param("permalink", draft.permalink()).param("slug", draft.slug()).param("now", now)
                .update();
        if (rows == 0) {
            Optional<Draft> stored = find(draft.id());
            if (stored.isPresent() && !stored.get().hash().equals(draft.hash())) {
                // 60 bits make this a one-in-a-billion event at a billion drafts; refuse rather than mix runs up
                throw new IllegalStateException("run id " + draft.id() + " is taken by another scenario");
            }
        }
        if (saves.incrementAndGet() % PURGE_EVERY == 1) purge();
    }

    @Override
    public Optional<Draft> find(String id) {
        Optional<Draft> draft = jdbc.sql("SELECT id, hash, source, permalink, slug FROM draft WHERE id = :id")
                .param("id", id).query(JdbcDraftStore::row).optional();
        draft.ifPresent(d -> mark(d.id()));
        return draft;
    }

    private void mark(String id) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE draft SET used_at = :now WHERE id = :id AND used_at < :since")
                .param("now", AT.format(now)).param("id", id).param("since", AT.format(now.minus(MARK_EVERY)))
                .update();
    }

    /** Deletes the drafts not used within the time-to-live; returns how many. */
    int purge() {
        return jdbc.sql("DELETE FROM draft WHERE used_at < :cutoff")
                .param("cutoff", AT.format(clock.instant().minus(ttl))).update();
    }

    private static Draft row(ResultSet rs, int rowNum) throws SQLException {
        return new Draft(rs.getString("id"), rs.getString("hash"), rs.getString("source"),
                rs.getString("permalink"), rs.getString("slug"));
    }
}
