package dev.moor.organization;

import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import org.springframework.stereotype.Service;

/**
 * Applications: the device sets that Losant-style APIs address by a 24-hex id. Every organization gets
 * its default application when it is created; an application out of the caller's reach is not found.
 */
@Service
public class ApplicationService {

    private final ApplicationStore applications;
    private final OrganizationService organizations;

    ApplicationService(ApplicationStore applications, OrganizationService organizations) {
        this.applications = applications;
        this.organizations = organizations;
    }

    /**
     * Returns the application if it belongs to the caller's organization or one below it; otherwise throws
     * APPLICATION_NOT_FOUND (also for an id that is not 24 hex characters).
     */
    public Application get(Caller caller, String id) {
        return ApplicationId.parse(id).flatMap(applications::find)
                .filter(application -> organizations.isWithin(application.organization(), caller.organizationId()))
                .orElseThrow(() -> new DomainException(ErrorCode.APPLICATION_NOT_FOUND, "Application was not found"));
    }

    /** The default application of an organization (every organization has one). */
    public Application getDefault(OrganizationId organization) {
        return applications.findDefault(organization).orElseThrow(() -> new DomainException(
                ErrorCode.APPLICATION_NOT_FOUND, "Organization " + organization + " has no application."));
    }
}
