package dev.moor.organization;

import java.util.Optional;
import java.util.regex.Pattern;

/** Identifies an application: 24 lowercase hexadecimal characters, the shape of Losant's ObjectId ids. */
public record ApplicationId(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{24}$");

    public ApplicationId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("An application id has 24 lowercase hexadecimal characters.");
        }
    }

    /** Parses an id in any letter case; empty when it does not have the shape of one. */
    public static Optional<ApplicationId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return SHAPE.matcher(lower).matches() ? Optional.of(new ApplicationId(lower)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
