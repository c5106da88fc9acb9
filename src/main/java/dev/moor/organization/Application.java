package dev.moor.organization;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.moor.shared.OrganizationId;

/**
 * A set of devices inside an organization, as Losant's applications are. Today each organization has
 * exactly one application, its default one, and it holds every device of the organization.
 */
public record Application(String id, long organizationId, String name, boolean defaultApplication, Instant createdAt) {

    @JsonIgnore
    public ApplicationId applicationId() {
        return new ApplicationId(id);
    }

    @JsonIgnore
    public OrganizationId organization() {
        return new OrganizationId(organizationId);
    }
}
