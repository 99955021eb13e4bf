package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQLite file deleted or replaced while the server runs: before the fix the open connection
 * kept writing to the unlinked file, 587 more links were acknowledged and all were gone after the
 * restart. Now every write is refused, with the file's path in the message.
 */
class StoreFileTest {

    @TempDir
    Path dir;

    private HikariDataSource pool;

    @AfterEach
    void close() {
        if (pool != null) pool.close();
    }

    private PermalinkStore openStore(Path file) {
        pool = SqlitePermalinkStoreTest.sqlite(file);
        return new PermalinkStore(JdbcClient.create(pool), Clock.systemUTC(),
                StoreFile.of("jdbc:sqlite:" + file + "?journal_mode=WAL"));
    }

    @Test
    void aDeletedFileRefusesEveryNewLinkNamingThePath() throws Exception {
        Path file = dir.resolve("permalinks.sqlite");
        PermalinkStore store = openStore(file);
        assertThat(store.save(PermalinkStoreContract.link(PermalinkStoreContract.hash("aaaaaaaaaa"), "a")).created()).isTrue();

        Files.delete(file);
        Files.deleteIfExists(dir.resolve("permalinks.sqlite-wal"));
        Files.deleteIfExists(dir.resolve("permalinks.sqlite-shm"));

        assertThatThrownBy(() -> store.save(PermalinkStoreContract.link(PermalinkStoreContract.hash("bbbbbbbbbb"), "b")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("was deleted");
    }

    @Test
    void aReplacedFileRefusesEveryNewLink() throws Exception {
        Path file = dir.resolve("permalinks.sqlite");
        PermalinkStore store = openStore(file);
        Path other = Files.createFile(dir.resolve("other.sqlite"));
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> store.save(PermalinkStoreContract.link(PermalinkStoreContract.hash("cccccccccc"), "c")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("was replaced");
    }

    @Test
    void anUnchangedFileTakesWritesAndOtherStoresAreNotWatched() {
        PermalinkStore store = openStore(dir.resolve("permalinks.sqlite"));
        assertThat(store.save(PermalinkStoreContract.link(PermalinkStoreContract.hash("dddddddddd"), "d")).created()).isTrue();
        assertThat(StoreFile.of("jdbc:postgresql://127.0.0.1/x")).isSameAs(StoreFile.NONE);
        assertThat(StoreFile.of("jdbc:sqlite::memory:")).isSameAs(StoreFile.NONE);
    }
}
