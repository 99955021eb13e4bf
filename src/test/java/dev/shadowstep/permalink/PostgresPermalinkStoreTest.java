package dev.shadowstep.permalink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store on PostgreSQL, when {@code SHADOWSTEP_TEST_PG_URL} (with {@code _USER} and
 * {@code _PASSWORD}) names a server; skipped otherwise. Each test migrates a schema of its own and
 * drops it afterwards, so the database's other contents are never touched.
 * {@code .ci/start-postgres.sh} starts a local server and prints the variables.
 */
class PostgresPermalinkStoreTest extends PermalinkStoreContract {

    private HikariDataSource pool;
    private String schema;

    @Override
    JdbcClient freshDatabase() {
        String url = System.getenv("SHADOWSTEP_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "SHADOWSTEP_TEST_PG_URL is not set: PostgreSQL store tests skipped");
        schema = "permalink_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(System.getenv("SHADOWSTEP_TEST_PG_USER"));
        pool.setPassword(System.getenv("SHADOWSTEP_TEST_PG_PASSWORD"));
        pool.setMaximumPoolSize(6);
        pool.setConnectionInitSql("SET search_path TO " + schema);
        Flyway.configure().dataSource(pool).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        return JdbcClient.create(pool);
    }

    @AfterEach
    void dropSchema() {
        if (pool != null) {
            JdbcClient.create(pool).sql("DROP SCHEMA " + schema + " CASCADE").update();
            pool.close();
        }
    }
}
