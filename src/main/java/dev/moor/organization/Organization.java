package dev.moor.organization;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.moor.shared.OrganizationId;

/**
 * An organization; {@code parentId} is null only for the root. {@code applicationId} is its default
 * application's id (Losant's APPLICATION_ID), so a user can find it.
 */
public record Organization(long id, String name, Long parentId, String applicationId, Instant createdAt, Instant updatedAt) {

    @JsonIgnore
    public OrganizationId organizationId() {
        return new OrganizationId(id);
    }
}
