package dev.shadowstep.web.editor;

/** Thrown when "Edit a copy" names a permalink that is not stored (or is not a permalink id). */
public class UnknownOriginException extends RuntimeException {

    UnknownOriginException(String message) {
        super(message);
    }
}
