package dev.moor.organization;

import java.util.List;
import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization tree. A caller reaches its own organization and everything below it, never a sibling
 * or a parent; an organization out of reach is reported as not found, so its existence does not leak.
 */
@Service
public class OrganizationService {

    private final OrganizationStore organizations;
    private final ApplicationStore applications;

    OrganizationService(OrganizationStore organizations, ApplicationStore applications) {
        this.organizations = organizations;
        this.applications = applications;
    }

    /** Creates the root organization; used once, by the first start. */
    @Transactional
    public Organization createRoot(String name) {
        return insert(name, null);
    }

    public Optional<Organization> findRoot() {
        return organizations.findRoot();
    }

    /**
     * Creates a sub-organization under {@code parent}, or under the caller's organization when absent.
     * Needs ORG_EDIT; the parent must be within reach.
     */
    @Transactional
    public Organization create(Caller caller, String name, Optional<OrganizationId> parent) {
        caller.require(Permission.ORG_EDIT);
        OrganizationId parentId = parent.orElse(caller.organizationId());
        requireReach(caller, parentId);
        return insert(validName(name), parentId.value());
    }

    /** Every organization is born with its default application. */
    private Organization insert(String name, Long parentId) {
        OrganizationId id = organizations.insert(name, parentId);
        applications.insertDefault(id, name);
        return organizations.find(id).orElseThrow();
    }

    /** Returns the organization, or throws ORGANIZATION_NOT_FOUND if it is out of the caller's reach. */
    public Organization get(Caller caller, OrganizationId id) {
        if (!id.equals(caller.organizationId())) {
            caller.require(Permission.ORG_VIEW);
        }
        requireReach(caller, id);
        return organizations.find(id).orElseThrow(() -> notFound(id));
    }

    /** The caller's organization and all organizations below it. Needs ORG_VIEW. */
    public Page<Organization> list(Caller caller, PageRequest page) {
        caller.require(Permission.ORG_VIEW);
        return Page.of(organizations.pageWithin(caller.organizationId(), page),
                organizations.countWithin(caller.organizationId()), page);
    }

    @Transactional
    public Organization rename(Caller caller, OrganizationId id, String name) {
        caller.require(Permission.ORG_EDIT);
        requireReach(caller, id);
        return organizations.rename(id, validName(name));
    }

    /**
     * Deletes an organization strictly below the caller's own. Throws ORGANIZATION_NOT_EMPTY while it
     * still has sub-organizations, users, templates or devices.
     */
    @Transactional
    public void delete(Caller caller, OrganizationId id) {
        caller.require(Permission.ORG_EDIT);
        requireReach(caller, id);
        if (id.equals(caller.organizationId())) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED, "A token cannot delete its own organization.");
        }
        try {
            organizations.delete(id);
        } catch (DataIntegrityViolationException stillReferenced) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_EMPTY,
                    "Organization " + id + " still has sub-organizations, users, templates or devices.");
        }
    }

    /** Throws ORGANIZATION_NOT_FOUND unless {@code target} is the caller's organization or below it. */
    public void requireReach(Caller caller, OrganizationId target) {
        if (!organizations.isWithin(target, caller.organizationId())) {
            throw notFound(target);
        }
    }

    /** True when {@code organization} is {@code ancestor} or lies below it. */
    public boolean isWithin(OrganizationId organization, OrganizationId ancestor) {
        return organizations.isWithin(organization, ancestor);
    }

    /** The ids of {@code root} and of every organization below it. */
    public List<Long> subtree(OrganizationId root) {
        return organizations.subtree(root);
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalid("name must have 1 to 100 characters.");
        }
        return name.strip();
    }

    private static DomainException notFound(OrganizationId id) {
        return new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "Organization " + id + " was not found.");
    }
}
