package dev.moor.auth;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Permission;
import dev.moor.shared.UserId;

/** A person who uses Moor, in one organization, with a set of permissions. */
public record User(long id, String email, String name, long organizationId, boolean activated,
        Set<Permission> permissions, Instant createdAt, Instant updatedAt) {

    @JsonIgnore
    public UserId userId() {
        return new UserId(id);
    }

    @JsonIgnore
    public OrganizationId organization() {
        return new OrganizationId(organizationId);
    }
}
