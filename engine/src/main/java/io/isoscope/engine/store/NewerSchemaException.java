package io.isoscope.engine.store;

import java.sql.SQLException;

/** The database's schema is newer than this build knows: a newer Isoscope wrote it. Not a sign of damage. */
final class NewerSchemaException extends SQLException {

    private static final long serialVersionUID = 1L;

    private final int found;
    private final int known;

    NewerSchemaException(int found, int known) {
        super("the database is from a newer Isoscope (schema " + found + ", this one knows up to " + known + ")");
        this.found = found;
        this.known = known;
    }

    /** The schema version in the file. */
    int found() {
        return found;
    }

    /** The newest schema version this build knows. */
    int known() {
        return known;
    }
}
