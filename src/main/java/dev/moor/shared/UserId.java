package dev.moor.shared;

/** Identifies a user. Shared because callers, owners and tokens refer to users. */
public record UserId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
