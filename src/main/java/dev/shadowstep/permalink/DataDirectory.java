package dev.shadowstep.permalink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Creates the folder of the SQLite file before the data source opens it: SQLite creates the file
 * but not its folder (it fails with SQLITE_CANTOPEN), and checks that files can be created there.
 * Runs as a bean factory post-processor, that is before any bean, so before the pool and Flyway; a
 * folder that cannot be used stops the start with one message ({@link DataFolderFailureAnalyzer}).
 */
final class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Path file = sqliteFile(environment.getProperty("spring.datasource.url", ""));
        if (file == null || file.toAbsolutePath().getParent() == null) {
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DataFolderException(folder, "it cannot be created (" + describe(e) + ")", e);
        }
        // SQLite opens the file, its -wal and -shm beside it: the folder itself must take new files
        try {
            Files.delete(Files.createTempFile(folder, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new DataFolderException(folder, "no file can be created in it (" + describe(e) + ")", e);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new DataFolderException(folder, "the database file " + file.toAbsolutePath() + " is read-only", null);
        }
    }

    private static String describe(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage();
        return reason == null ? "an I/O error" : reason;
    }

    /** Returns the database file of a {@code jdbc:sqlite:} URL; null for other databases and in-memory ones. */
    static Path sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isEmpty() || name.startsWith(":memory:") || rest.contains("mode=memory")) {
            return null;
        }
        return Path.of(name);
    }
}
