package dev.moor.shared;

import java.util.Optional;
import java.util.Set;

/**
 * Who makes a request: the API token, the organization it belongs to, the user it acts for (absent for
 * an organization-scoped token), and the permissions it holds right now.
 */
public record Caller(long tokenId, OrganizationId organizationId, Optional<UserId> userId, Set<Permission> permissions) {

    public Caller {
        permissions = Set.copyOf(permissions);
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

    public boolean isUser(UserId user) {
        return userId.filter(user::equals).isPresent();
    }
}
