package dev.shadowstep.permalink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file under the store and its identity (device and inode) when the server opened it.
 * An open SQLite connection keeps writing to a file that was deleted or replaced, so the links it
 * acknowledged were lost at the next start. Every write first checks that the file at the path
 * is still the one opened; when it is not, writes are refused, loudly.
 */
public final class StoreFile {

    /** A store that is not a file (PostgreSQL, in-memory SQLite): nothing to watch. */
    public static final StoreFile NONE = new StoreFile(null);

    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final Path path;
    private volatile Object identity;
    private volatile boolean reported;

    private StoreFile(Path path) {
        this.path = path;
        this.identity = path == null ? null : identity(path);
    }

    /** Returns the watched file of a data source URL (see {@link DataDirectory#sqliteFile}); NONE for other stores. */
    public static StoreFile of(String datasourceUrl) {
        Path file = DataDirectory.sqliteFile(datasourceUrl == null ? "" : datasourceUrl);
        return file == null ? NONE : new StoreFile(file.toAbsolutePath());
    }

    /**
     * Returns normally when the file at the path is the one the server opened.
     *
     * @throws StoreUnavailableException when it was deleted or replaced since
     */
    void checkUnchanged() {
        if (path == null) return;
        Object now = identity(path);
        if (identity == null) {
            identity = now; // not there at start (created by the first connection): watch it from now on
            return;
        }
        if (Objects.equals(identity, now)) return;
        String message = "The permalink database file " + path + (now == null ? " was deleted" : " was replaced")
                + " while the server was running. New links are refused, since SQLite would write them to the "
                + "old file and they would be lost at the next start. Put the file back or restart the server "
                + "(links stored before are in the old file, if it still exists).";
        if (!reported) {
            reported = true;
            LOG.error(message);
        }
        throw new StoreUnavailableException(message);
    }

    private static Object identity(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key != null ? key : Files.getLastModifiedTime(path); // file systems without inodes
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
