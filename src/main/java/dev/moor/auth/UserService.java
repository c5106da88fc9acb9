package dev.moor.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moor.organization.OrganizationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.SubOrganizations;
import dev.moor.shared.UserId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their permissions. Nobody grants a permission they do not hold themselves, so a token can
 * never be used to mint a more powerful user.
 */
@Service
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final UserStore users;
    private final OrganizationService organizations;

    UserService(UserStore users, OrganizationService organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    /** What a new user is made of; an absent organization means the caller's own. */
    public record NewUser(String email, String name, Optional<OrganizationId> organization, Set<Permission> permissions,
            boolean activated) {
    }

    /** A change to a user; absent parts stay as they are. */
    public record UserChange(Optional<String> name, Optional<Set<Permission>> permissions, Optional<Boolean> activated) {
    }

    /** Needs ORG_USERS_EDIT. Throws EMAIL_TAKEN when the email is in use (in any organization). */
    @Transactional
    public User create(Caller caller, NewUser user) {
        caller.require(Permission.ORG_USERS_EDIT);
        OrganizationId organization = user.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        requireGrantable(caller, user.permissions());
        return insert(validEmail(user.email()), validName(user.name()), organization, user.activated(), user.permissions());
    }

    /** Creates the first administrator; used once, by the first start. */
    @Transactional
    public User createAdministrator(OrganizationId organization, String email) {
        return insert(validEmail(email), "Administrator", organization, true, Permission.all());
    }

    /** Returns a user within reach. Needs ORG_VIEW_USERS unless the caller is that user. */
    public User get(Caller caller, UserId id) {
        if (!caller.isUser(id)) {
            caller.require(Permission.ORG_VIEW_USERS);
        }
        return findWithinReach(caller, id).orElseThrow(() -> notFound(id));
    }

    /** Finds a user within the caller's reach, with no permission check: for services acting on users. */
    public Optional<User> findWithinReach(Caller caller, UserId id) {
        return users.find(id).filter(user -> organizations.isWithin(user.organization(), caller.organizationId()));
    }

    /** Finds a user within the caller's reach by email, with no permission check. */
    public Optional<User> findByEmailWithinReach(Caller caller, String email) {
        return users.findByEmail(email).filter(user -> organizations.isWithin(user.organization(), caller.organizationId()));
    }

    /** Finds any user, for authentication. */
    Optional<User> find(UserId id) {
        return users.find(id);
    }

    /** Users of the given organization (default: the caller's), optionally with those below it. Needs ORG_VIEW_USERS. */
    public Page<User> list(Caller caller, Optional<OrganizationId> organization, SubOrganizations subOrganizations,
            PageRequest page) {
        caller.require(Permission.ORG_VIEW_USERS);
        OrganizationId root = organization.orElse(caller.organizationId());
        organizations.requireReach(caller, root);
        List<Long> scope = subOrganizations == SubOrganizations.INCLUDED ? organizations.subtree(root) : List.of(root.value());
        return Page.of(users.page(scope, page), users.count(scope), page);
    }

    /** Needs ORG_USERS_EDIT; granted permissions must be the caller's own. */
    @Transactional
    public User update(Caller caller, UserId id, UserChange change) {
        caller.require(Permission.ORG_USERS_EDIT);
        User user = findWithinReach(caller, id).orElseThrow(() -> notFound(id));
        change.permissions().ifPresent(permissions -> requireGrantable(caller, permissions));
        return users.update(id, change.name().map(UserService::validName).orElse(user.name()),
                change.activated().orElse(user.activated()),
                change.permissions().orElse(user.permissions()));
    }

    /** Needs ORG_USERS_EDIT. The user's tokens die with it; devices it owned lose their owner. */
    @Transactional
    public void delete(Caller caller, UserId id) {
        caller.require(Permission.ORG_USERS_EDIT);
        findWithinReach(caller, id).orElseThrow(() -> notFound(id));
        if (caller.isUser(id)) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED, "A user cannot delete itself.");
        }
        users.delete(id);
    }

    public static DomainException notFound(UserId id) {
        return new DomainException(ErrorCode.USER_NOT_FOUND, "User " + id + " was not found.");
    }

    private User insert(String email, String name, OrganizationId organization, boolean activated,
            Set<Permission> permissions) {
        if (users.emailTaken(email)) {
            throw emailTaken(email);
        }
        try {
            return users.insert(email, name, organization, activated, permissions);
        } catch (DuplicateKeyException raced) {
            throw emailTaken(email);
        }
    }

    private static void requireGrantable(Caller caller, Set<Permission> permissions) {
        EnumSet<Permission> beyond = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
        beyond.removeAll(caller.permissions());
        if (!beyond.isEmpty()) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "A token cannot grant permissions it does not hold: " + beyond + ".");
        }
    }

    private static DomainException emailTaken(String email) {
        return new DomainException(ErrorCode.EMAIL_TAKEN, "A user with email " + email + " already exists.");
    }

    private static String validEmail(String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw DomainException.invalid("email must be a valid email address.");
        }
        return email.strip();
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalid("name must have 1 to 100 characters.");
        }
        return name.strip();
    }
}
