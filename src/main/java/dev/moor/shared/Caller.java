package dev.moor.shared;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who makes a request: the API token, the organization it belongs to, the user it acts for (absent for
 * an organization-scoped token), the permissions it holds right now, and the vendor-style scopes the
 * token was restricted to (empty: not restricted by scope).
 */
public record Caller(long tokenId, OrganizationId organizationId, Optional<UserId> userId, Set<Permission> permissions,
        Set<String> scopes) {

    public Caller {
        permissions = Set.copyOf(permissions);
        scopes = Set.copyOf(scopes);
    }

    /** A caller whose token carries no scopes. */
    public Caller(long tokenId, OrganizationId organizationId, Optional<UserId> userId, Set<Permission> permissions) {
        this(tokenId, organizationId, userId, permissions, Set.of());
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** Throws PERMISSION_DENIED unless the caller holds every given permission. */
    public void require(Permission... required) {
        for (Permission permission : required) {
            if (!has(permission)) {
                throw DomainException.denied(permission);
            }
        }
    }

    /** Throws PERMISSION_DENIED unless the caller holds at least one of the given permissions. */
    public void requireAny(Permission... alternatives) {
        for (Permission permission : alternatives) {
            if (has(permission)) {
                return;
            }
        }
        throw DomainException.denied(alternatives);
    }

    /**
     * Throws PERMISSION_DENIED unless the token is unrestricted by scope or holds one of the accepted
     * scopes. Scopes narrow a token on the surfaces that define them; they never add to its permissions.
     */
    public void requireAnyScope(String... accepted) {
        if (scopes.isEmpty() || Arrays.stream(accepted).anyMatch(scopes::contains)) {
            return;
        }
        throw new DomainException(ErrorCode.PERMISSION_DENIED,
                "This token's scopes include none of " + String.join(", ", accepted) + ".");
    }

    public boolean isUser(UserId user) {
        return userId.filter(user::equals).isPresent();
    }
}
