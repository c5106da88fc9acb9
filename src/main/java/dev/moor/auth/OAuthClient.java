package dev.moor.auth;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Permission;

/**
 * An OAuth2 client of an organization. It obtains access tokens with the client-credentials grant; they
 * are organization-scoped, or user-scoped when the client acts for a user ({@code userId}). The tokens
 * hold the client's permissions (and, when user-scoped, no more than the user holds at each request).
 * The secret is never listed: it is shown once, when the client is created.
 */
public record OAuthClient(long id, String clientId, String name, long organizationId, Long userId,
        Set<Permission> permissions, Instant createdAt) {

    @JsonIgnore
    public OrganizationId organization() {
        return new OrganizationId(organizationId);
    }
}
