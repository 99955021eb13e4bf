package dev.shadowstep.permalink;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The store on an SQLite file in WAL mode, configured as application.properties configures it. */
class SqlitePermalinkStoreTest extends PermalinkStoreContract {

    @TempDir
    Path dir;

    private HikariDataSource pool;

    static HikariDataSource sqlite(Path file) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=5000");
        pool.setMaximumPoolSize(6);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return pool;
    }

    @Override
    JdbcClient freshDatabase() {
        pool = sqlite(dir.resolve("permalinks.sqlite"));
        return JdbcClient.create(pool);
    }

    @AfterEach
    void close() {
        pool.close();
    }
}
