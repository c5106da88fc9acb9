package dev.moor.device;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.moor.auth.UserService;
import dev.moor.organization.OrganizationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device groups. A group lives in an organization and belongs to a user; who sees it follows the device
 * rules: ORG_DEVICES_VIEW sees every group in reach, OWN_DEVICES_VIEW alone only the caller's own groups.
 * Changing a group or its members needs ORG_DEVICES_EDIT. A group out of sight is reported as not found.
 */
@Service
public class DeviceGroupService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern TELEPHONE = Pattern.compile("^[0-9+()./ -]{1,32}$");

    private final DeviceGroupStore groups;
    private final DeviceService devices;
    private final OrganizationService organizations;
    private final UserService users;

    DeviceGroupService(DeviceGroupStore groups, DeviceService devices, OrganizationService organizations,
            UserService users) {
        this.groups = groups;
        this.devices = devices;
        this.organizations = organizations;
        this.users = users;
    }

    /** What a new group is made of. Absent organization: the caller's; absent owner: the caller's user. */
    public record NewDeviceGroup(String name, Optional<String> clientName, Optional<String> email,
            Optional<String> telephone, Optional<OrganizationId> organization, Optional<UserId> owner) {
    }

    /** A change to a group; absent parts stay as they are, an empty string clears an optional field. */
    public record DeviceGroupChange(Optional<String> name, Optional<String> clientName, Optional<String> email,
            Optional<String> telephone) {
    }

    /**
     * Creates a group. Needs ORG_DEVICES_EDIT, and ORG_VIEW_USERS to make another user its owner. Throws
     * VALIDATION_FAILED for a bad field, ORGANIZATION_NOT_FOUND or USER_NOT_FOUND for one out of reach.
     */
    @Transactional
    public DeviceGroup create(Caller caller, NewDeviceGroup group) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        DeviceGroupStore.Fields fields = new DeviceGroupStore.Fields(validName(group.name()),
                validClientName(group.clientName()), validEmail(group.email()), validTelephone(group.telephone()));
        OrganizationId organization = group.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        Long owner = group.owner().map(ownerId -> {
            if (!caller.isUser(ownerId)) {
                caller.require(Permission.ORG_VIEW_USERS);
            }
            return users.findWithinReach(caller, ownerId).orElseThrow(() -> UserService.notFound(ownerId)).id();
        }).or(() -> caller.userId().map(UserId::value)).orElse(null);
        return groups.find(groups.insert(organization, owner, fields)).orElseThrow();
    }

    /** Returns a group the caller may see, or throws DEVICE_GROUP_NOT_FOUND. */
    public DeviceGroup get(Caller caller, DeviceGroupId id) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return groups.find(id).filter(group -> canSee(caller, group)).orElseThrow(() -> notFound(id));
    }

    /**
     * The groups of the named organization (default: the caller's), by name. Callers with OWN_DEVICES_VIEW
     * alone get only the groups they own.
     */
    public Page<DeviceGroup> list(Caller caller, Optional<OrganizationId> organization, PageRequest page) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        OrganizationId scope = organization.orElse(caller.organizationId());
        organizations.requireReach(caller, scope);
        Optional<UserId> ownedBy = caller.has(Permission.ORG_DEVICES_VIEW)
                ? Optional.empty() : Optional.of(caller.userId().orElse(new UserId(-1)));
        return Page.of(groups.page(scope, ownedBy, page), groups.count(scope, ownedBy), page);
    }

    /** Needs ORG_DEVICES_EDIT on a group the caller may see. */
    @Transactional
    public DeviceGroup update(Caller caller, DeviceGroupId id, DeviceGroupChange change) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        DeviceGroup group = get(caller, id);
        groups.update(id, new DeviceGroupStore.Fields(
                change.name().map(DeviceGroupService::validName).orElse(group.name()),
                change.clientName().isPresent() ? validClientName(change.clientName()) : group.clientName(),
                change.email().isPresent() ? validEmail(change.email()) : group.email(),
                change.telephone().isPresent() ? validTelephone(change.telephone()) : group.telephone()));
        return groups.find(id).orElseThrow();
    }

    /** Needs ORG_DEVICES_EDIT. Deletes the group; its devices stay, in no group. */
    @Transactional
    public void delete(Caller caller, DeviceGroupId id) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        get(caller, id);
        groups.delete(id);
    }

    /**
     * Puts a device the caller may see into the group, taking it out of any other group. Needs
     * ORG_DEVICES_EDIT. The device must belong to the group's organization or one below it
     * (VALIDATION_FAILED otherwise).
     */
    @Transactional
    public DeviceGroup addDevice(Caller caller, DeviceGroupId id, DeviceId deviceId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        DeviceGroup group = get(caller, id);
        Device device = devices.get(caller, deviceId);
        if (!organizations.isWithin(device.organization(), group.organization())) {
            throw DomainException.invalid("Device " + deviceId + " belongs to an organization outside group " + id + "'s.");
        }
        groups.addMember(id, deviceId);
        return groups.find(id).orElseThrow();
    }

    /** Takes a device out of the group. Needs ORG_DEVICES_EDIT; DEVICE_NOT_FOUND when it is not in the group. */
    @Transactional
    public DeviceGroup removeDevice(Caller caller, DeviceGroupId id, DeviceId deviceId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        get(caller, id);
        devices.get(caller, deviceId);
        if (!groups.removeMember(id, deviceId)) {
            throw new DomainException(ErrorCode.DEVICE_NOT_FOUND, "Device " + deviceId + " is not in group " + id + ".");
        }
        return groups.find(id).orElseThrow();
    }

    /** One page of the group's devices that the caller may see, oldest first. */
    public Page<Device> devices(Caller caller, DeviceGroupId id, PageRequest page) {
        get(caller, id);
        List<Device> visible = groups.members(id).stream()
                .flatMap(member -> devices.find(caller, member).stream())
                .toList();
        List<Device> content = visible.stream().skip(page.offset()).limit(page.size()).toList();
        return Page.of(content, visible.size(), page);
    }

    /** The group each of the given devices is in; devices in no group are left out. */
    public Map<DeviceId, DeviceGroupId> groupsOf(Collection<Device> members) {
        return groups.groupsOf(members.stream().map(Device::deviceId).toList());
    }

    private boolean canSee(Caller caller, DeviceGroup group) {
        if (!organizations.isWithin(group.organization(), caller.organizationId())) {
            return false;
        }
        return caller.has(Permission.ORG_DEVICES_VIEW)
                || group.ownerUserId() != null && caller.isUser(new UserId(group.ownerUserId()));
    }

    static DomainException notFound(DeviceGroupId id) {
        return new DomainException(ErrorCode.DEVICE_GROUP_NOT_FOUND, "Device group " + id + " was not found.");
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw DomainException.invalid("name must have 1 to 100 characters.");
        }
        return name.strip();
    }

    private static String validClientName(Optional<String> clientName) {
        String value = blankToNull(clientName);
        if (value != null && value.length() > 100) {
            throw DomainException.invalid("clientName must have at most 100 characters.");
        }
        return value;
    }

    private static String validEmail(Optional<String> email) {
        String value = blankToNull(email);
        if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
            throw DomainException.invalid("email must be a valid email address.");
        }
        return value;
    }

    private static String validTelephone(Optional<String> telephone) {
        String value = blankToNull(telephone);
        if (value != null && !TELEPHONE.matcher(value).matches()) {
            throw DomainException.invalid("telephone must have at most 32 digits, spaces and + ( ) . / - characters.");
        }
        return value;
    }

    private static String blankToNull(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty()).orElse(null);
    }
}
