package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.springframework.mock.env.MockEnvironment;

class DataDirectoryTest {

    @Test
    void theSqliteFileIsTakenFromTheUrlWithoutItsParameters() {
        assertThat(DataDirectory.sqliteFile("jdbc:sqlite:./data/permalinks.sqlite?journal_mode=WAL"))
                .isEqualTo(Path.of("./data/permalinks.sqlite"));
        assertThat(DataDirectory.sqliteFile("jdbc:sqlite:file:/var/lib/x/p.sqlite")).isEqualTo(Path.of("/var/lib/x/p.sqlite"));
    }

    @Test
    void otherDatabasesAndMemoryDatabasesHaveNoFile() {
        assertThat(DataDirectory.sqliteFile("jdbc:postgresql://127.0.0.1/shadowstep")).isNull();
        assertThat(DataDirectory.sqliteFile("jdbc:sqlite::memory:")).isNull();
        assertThat(DataDirectory.sqliteFile("jdbc:sqlite:file:x?mode=memory")).isNull();
    }

    @Test
    void theFolderOfTheSqliteFileIsCreatedWithItsParents(@TempDir Path tmp) {
        Path folder = tmp.resolve("a/b/data");
        DataDirectory dir = new DataDirectory();
        dir.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url",
                "jdbc:sqlite:" + folder.resolve("permalinks.sqlite") + "?journal_mode=WAL"));
        dir.postProcessBeanFactory(new DefaultListableBeanFactory());
        assertThat(Files.isDirectory(folder)).isTrue();
    }

    /**
     * A data folder that cannot be used stops the start with one message naming the folder and the
     * cause; before, SQLITE_CANTOPEN surfaced inside a chain of bean errors, naming no path.
     */
    @Test
    void aFolderThatCannotBeCreatedStopsTheStartWithOneMessageNamingIt(@TempDir Path tmp) throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "a file where the data folder should be");
        Path folder = blocker.resolve("data");
        DataDirectory dir = new DataDirectory();
        dir.setEnvironment(new MockEnvironment().withProperty("spring.datasource.url",
                "jdbc:sqlite:" + folder.resolve("permalinks.sqlite")));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> dir.postProcessBeanFactory(new DefaultListableBeanFactory()));
        assertThat(failure).isInstanceOf(DataFolderException.class).hasMessageContaining(folder.toString());

        FailureAnalysis analysis = new DataFolderFailureAnalyzer(new MockEnvironment())
                .analyze(new BeanCreationException("permalinkDataDirectory", "wrapped", failure));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(folder.toString(), "cannot be created");
        assertThat(analysis.getAction()).contains("shadowstep.data-dir", "SHADOWSTEP_DATA_DIR");
    }

    @Test
    void aSqliteReadOnlyErrorBehindBeanErrorsIsReportedWithTheDatabasePath() {
        SQLiteException sqlite = new SQLiteException("[SQLITE_READONLY_DIRECTORY] attempt to write a readonly database",
                SQLiteErrorCode.SQLITE_READONLY_DIRECTORY);
        Throwable chain = new BeanCreationException("flyway", "Failed to initialize",
                new IllegalStateException("pool", sqlite));
        FailureAnalysis analysis = new DataFolderFailureAnalyzer(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:sqlite:/srv/shadowstep/permalinks.sqlite?journal_mode=WAL"))
                .analyze(chain);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("/srv/shadowstep/permalinks.sqlite", "SQLITE_READONLY_DIRECTORY");
    }
}
