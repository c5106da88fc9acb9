package dev.moor.device;

/** A variant of a {@link Board}: a module option it is sold with, such as flash size or PSRAM. */
public record BoardVariant(int id, String key, String name, String boardKey) {
}
