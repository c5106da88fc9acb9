package dev.moor.auth;

import java.time.Instant;
import java.util.Set;

import dev.moor.shared.Permission;

/**
 * An API token as listed: never the secret itself, which is shown once, when it is created. {@code scopes}
 * restrict it on the surfaces that define scopes (Losant's, e.g. {@code all.Application}); empty: unrestricted.
 */
public record ApiToken(long id, String name, long organizationId, Long userId, Set<Permission> permissions,
        Set<String> scopes, Instant expiresAt, Instant revokedAt, Instant createdAt) {
}
