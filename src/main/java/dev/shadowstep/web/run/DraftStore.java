package dev.shadowstep.web.run;

import java.util.Optional;

/** Where run ids find their text again: the {@code draft} table, shared by every instance on one database. */
public interface DraftStore {

    /** Stores the draft when its id is new, else marks it used now. */
    void save(Draft draft);

    /** Returns the draft with this id (and marks it used). */
    Optional<Draft> find(String id);
}
