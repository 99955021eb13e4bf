package dev.shadowstep.permalink;

import java.nio.file.Path;

/** Thrown at start when the data folder cannot hold the SQLite file; reported by {@link DataFolderFailureAnalyzer}. */
final class DataFolderException extends RuntimeException {

    private final Path folder;

    DataFolderException(Path folder, String cause, Throwable error) {
        super("The data folder " + folder + " cannot be used: " + cause, error);
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }
}
