package dev.moor.compat.losant;

/** Losant's Success schema (schemas.md, "Success"): always {@code {"success": true}}. */
record LosantSuccess(boolean success) {

    static final LosantSuccess TRUE = new LosantSuccess(true);
}
