package dev.shadowstep.permalink;

import java.nio.file.Path;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns a start that failed on the data folder into one message naming the folder and the cause,
 * instead of SQLite's SQLITE_CANTOPEN / READONLY_DIRECTORY deep in a chain of bean errors:
 * {@link DataFolderException} from the check before the pool opens, or a SQLite open error that
 * got past it. Registered in META-INF/spring.factories.
 */
final class DataFolderFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION = "Set shadowstep.data-dir (environment SHADOWSTEP_DATA_DIR) to a folder "
            + "this user can create files in, or make that folder writable (permissions, a read-only mount).";

    private final Environment environment;

    DataFolderFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataFolderException e) {
                return new FailureAnalysis(e.getMessage(), ACTION, e);
            }
            if (isSqliteOpenError(t)) {
                Path file = DataDirectory.sqliteFile(environment.getProperty("spring.datasource.url", ""));
                String where = file == null ? "the permalink database" : "the permalink database " + file.toAbsolutePath();
                return new FailureAnalysis("SQLite cannot open " + where + " for writing: " + t.getMessage(), ACTION, t);
            }
        }
        return null;
    }

    /** SQLITE_CANTOPEN, SQLITE_READONLY and their extended codes (READONLY_DIRECTORY, ...). */
    private static boolean isSqliteOpenError(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName().startsWith("org.sqlite.") && message != null
                && (message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_READONLY"));
    }
}
