package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
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
}
