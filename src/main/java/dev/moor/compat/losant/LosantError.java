package dev.moor.compat.losant;

/** Losant's Error schema (schemas.md, "Error"): {@code {"type": "NotFound", "message": "Application was not found"}}. */
record LosantError(String type, String message) {
}
