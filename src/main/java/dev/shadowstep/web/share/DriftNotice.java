package dev.shadowstep.web.share;

import dev.shadowstep.permalink.Drift;
import dev.shadowstep.permalink.StoredLink;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a permalink page says near its title about the run it shows: that it differs from the
 * one the link was made with (from which step), that it cannot be compared (and why), or, in
 * a quiet line, when and with which engine the link was made.
 *
 * @param status    {@code changed}, {@code unknown} or {@code none}
 * @param step      for {@code changed}, the first step at which the runs differ; -1 when not located
 * @param message   the drift's own sentence (used for {@code unknown})
 * @param createdOn the day the link was made, {@code 2026-11-25} (UTC)
 */
public record DriftNotice(String status, String storedEngine, String currentEngine, int step, String message,
                          String createdOn) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** Returns the notice for a link opened now. */
    static DriftNotice of(StoredLink link, Drift drift) {
        String status = switch (drift.status()) {
            case CHANGED -> "changed";
            case UNKNOWN -> "unknown";
            case NONE -> "none";
        };
        String stored = drift.storedEngine() != null ? drift.storedEngine() : link.engine();
        return new DriftNotice(status, stored, drift.currentEngine(), drift.step(), drift.message(),
                DAY.format(link.createdAt()));
    }

    /** Returns true when the run shown differs from the one the link was made with. */
    public boolean changed() {
        return "changed".equals(status);
    }
}
