package dev.moor.device;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.moor.shared.OrganizationId;

/**
 * A named group of devices, typically the devices installed at one client, with that client's contact.
 * {@code ownerUserId} is the user the group belongs to (absent when that user was deleted). A device is in
 * at most one group.
 */
public record DeviceGroup(long id, long organizationId, Long ownerUserId, String name, String clientName, String email,
        String telephone, long deviceCount, Instant createdAt, Instant updatedAt) {

    @JsonIgnore
    public DeviceGroupId groupId() {
        return new DeviceGroupId(id);
    }

    @JsonIgnore
    public OrganizationId organization() {
        return new OrganizationId(organizationId);
    }
}
