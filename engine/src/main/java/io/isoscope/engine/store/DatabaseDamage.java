package io.isoscope.engine.store;

/** The database file is damaged or is not a database: what {@link DatabaseOpener} recovers from. */
final class DatabaseDamage extends Exception {

    private static final long serialVersionUID = 1L;

    /** Damage described by {@code reason} (a phrase such as "file is not a database"). */
    DatabaseDamage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
