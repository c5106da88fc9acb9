package dev.moor.auth;

import java.time.Instant;
import java.util.Set;

import dev.moor.shared.Permission;

/** An API token as listed: never the secret itself, which is shown once, when it is created. */
public record ApiToken(long id, String name, long organizationId, Long userId, Set<Permission> permissions,
        Instant expiresAt, Instant revokedAt, Instant createdAt) {
}
