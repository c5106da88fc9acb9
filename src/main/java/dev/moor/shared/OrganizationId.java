package dev.moor.shared;

/** Identifies an organization. Shared because every token, user and device belongs to one. */
public record OrganizationId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
