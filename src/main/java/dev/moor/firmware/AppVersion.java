package dev.moor.firmware;

import java.time.Instant;

/** One uploaded version of an {@link App}; like firmware, its md5 is its identity within the organization. */
public record AppVersion(long id, long appId, String name, String version, String notes, String md5, String sha256,
        long size, Instant createdAt, Instant updatedAt) {
}
