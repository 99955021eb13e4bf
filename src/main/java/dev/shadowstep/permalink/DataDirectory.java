package dev.shadowstep.permalink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Creates the folder of the SQLite file before the data source opens it: SQLite creates the file
 * but not its folder (it fails with SQLITE_CANTOPEN). Runs as a bean factory post-processor, that
 * is before any bean, so before the pool and Flyway.
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
            throw new UncheckedIOException("Cannot create the data folder " + folder + " (" + e.getMessage()
                    + "). Set shadowstep.data-dir (environment SHADOWSTEP_DATA_DIR) to a folder this user can write.", e);
        }
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
