package dev.moor.device;

import java.util.List;
import java.util.Optional;

import dev.moor.organization.OrganizationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organization tags: named labels an organization owns and assigns to its devices. */
@Service
public class TagService {

    private final TagStore tags;
    private final OrganizationService organizations;

    TagService(TagStore tags, OrganizationService organizations) {
        this.tags = tags;
        this.organizations = organizations;
    }

    /** Needs ORG_TAGS_EDIT. Throws TAG_NAME_TAKEN when the organization has a tag of that name. */
    @Transactional
    public Tag create(Caller caller, String name, Optional<OrganizationId> organization) {
        caller.require(Permission.ORG_TAGS_EDIT);
        OrganizationId owner = organization.orElse(caller.organizationId());
        organizations.requireReach(caller, owner);
        String valid = validName(name);
        if (tags.nameTaken(owner, valid)) {
            throw nameTaken(valid);
        }
        return tags.insert(valid, owner);
    }

    /** Needs VIEW_OWN_ORG_TAG. */
    public Tag get(Caller caller, long id) {
        caller.require(Permission.VIEW_OWN_ORG_TAG);
        return reachable(caller, id);
    }

    /** Tags of the caller's organization and those below it. Needs VIEW_OWN_ORG_TAG. */
    public Page<Tag> list(Caller caller, PageRequest page) {
        caller.require(Permission.VIEW_OWN_ORG_TAG);
        List<Long> scope = organizations.subtree(caller.organizationId());
        return Page.of(tags.page(scope, page), tags.count(scope), page);
    }

    @Transactional
    public Tag rename(Caller caller, long id, String name) {
        caller.require(Permission.ORG_TAGS_EDIT);
        Tag tag = reachable(caller, id);
        String valid = validName(name);
        if (!valid.equals(tag.name()) && tags.nameTaken(new OrganizationId(tag.organizationId()), valid)) {
            throw nameTaken(valid);
        }
        return tags.rename(id, valid);
    }

    @Transactional
    public void delete(Caller caller, long id) {
        caller.require(Permission.ORG_TAGS_EDIT);
        reachable(caller, id);
        tags.delete(id);
    }

    List<Tag> ofDevice(long deviceId) {
        return tags.ofDevice(deviceId);
    }

    /** Assigns a tag of the device's organization, or of one above it, to the device. */
    void assign(Caller caller, Device device, long tagId) {
        Tag tag = tags.find(tagId)
                .filter(found -> organizations.isWithin(new OrganizationId(device.organizationId()), new OrganizationId(found.organizationId())))
                .filter(found -> organizations.isWithin(new OrganizationId(found.organizationId()), caller.organizationId())
                        || organizations.isWithin(caller.organizationId(), new OrganizationId(found.organizationId())))
                .orElseThrow(() -> notFound(tagId));
        tags.assign(device.id(), tag.id());
    }

    void unassign(Device device, long tagId) {
        tags.unassign(device.id(), tagId);
    }

    private Tag reachable(Caller caller, long id) {
        return tags.find(id)
                .filter(tag -> organizations.isWithin(new OrganizationId(tag.organizationId()), caller.organizationId()))
                .orElseThrow(() -> notFound(id));
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalid("name must have 1 to 100 characters.");
        }
        return name.strip();
    }

    private static DomainException notFound(long id) {
        return new DomainException(ErrorCode.TAG_NOT_FOUND, "Tag " + id + " was not found.");
    }

    private static DomainException nameTaken(String name) {
        return new DomainException(ErrorCode.TAG_NAME_TAKEN, "The organization already has a tag named " + name + ".");
    }
}
