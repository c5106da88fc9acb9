package dev.moor.device;

import java.util.List;

/** A board of a {@link Platform}, with the variants it comes in. {@code key} is PlatformIO's board id. */
public record Board(int id, String key, String name, String platformKey, List<BoardVariant> variants) {

    public Board {
        variants = List.copyOf(variants);
    }
}
