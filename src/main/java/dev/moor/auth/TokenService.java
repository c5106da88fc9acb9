package dev.moor.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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
import dev.moor.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: bearer secrets stored only as a SHA-256 hash. A user token acts for its user and holds at
 * most what that user holds at the time of each request; an organization token acts for the organization.
 */
@Service
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore tokens;
    private final UserService users;
    private final OrganizationService organizations;
    private final Clock clock;

    TokenService(TokenStore tokens, UserService users, OrganizationService organizations) {
        this.tokens = tokens;
        this.users = users;
        this.organizations = organizations;
        this.clock = Clock.systemUTC();
    }

    /**
     * A token to create: for a user, or (without one) for an organization, by default the caller's. Absent
     * scopes: the caller's own (none for an unrestricted caller).
     */
    public record NewToken(Optional<UserId> user, Optional<OrganizationId> organization, Optional<Set<Permission>> permissions,
            Optional<Instant> expiresAt, Optional<String> name, Optional<Set<String>> scopes) {

        public NewToken(Optional<UserId> user, Optional<OrganizationId> organization,
                Optional<Set<Permission>> permissions, Optional<Instant> expiresAt, Optional<String> name) {
            this(user, organization, permissions, expiresAt, name, Optional.empty());
        }
    }

    /** A created token: the secret is in {@code token}, and is never shown again. */
    public record CreatedToken(ApiToken details, String token) {
    }

    /**
     * Creates a token. A user may create tokens for itself; anything else needs TOKENS_MANAGE. The token's
     * permissions default to the user's (or, for an organization token, the caller's) and may never
     * exceed them. Scopes follow {@link #SCOPE}; a caller restricted by scopes creates only tokens restricted
     * to some of its own scopes.
     */
    @Transactional
    public CreatedToken create(Caller caller, NewToken request) {
        Set<String> scopes = validScopes(caller, request.scopes().orElse(caller.scopes()));
        request.expiresAt().filter(expiry -> !expiry.isAfter(clock.instant())).ifPresent(expiry -> {
            throw DomainException.invalid("expiresAt must be in the future.");
        });
        if (request.user().isPresent() && request.organization().isPresent()) {
            throw DomainException.invalid("Give userId or organizationId, not both.");
        }
        if (request.user().isPresent()) {
            UserId userId = request.user().get();
            if (!caller.isUser(userId)) {
                caller.require(Permission.TOKENS_MANAGE);
            }
            User user = users.findWithinReach(caller, userId).orElseThrow(() -> UserService.notFound(userId));
            Set<Permission> permissions = request.permissions().orElse(user.permissions());
            requireSubset(permissions, user.permissions(), "the user holds");
            requireSubset(permissions, caller.permissions(), "this token holds");
            return issue(request.name().orElse(null), user.organization(), user.id(), permissions, scopes, request.expiresAt());
        }
        caller.require(Permission.TOKENS_MANAGE);
        OrganizationId organization = request.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        Set<Permission> permissions = request.permissions().orElse(caller.permissions());
        requireSubset(permissions, caller.permissions(), "this token holds");
        return issue(request.name().orElse(null), organization, null, permissions, scopes, request.expiresAt());
    }

    /** Stores a token with a given secret, for the bootstrap admin; does nothing if it exists already. */
    @Transactional
    public void ensureAdministratorToken(User administrator, String secret) {
        if (tokens.findByHash(hash(secret)).isEmpty()) {
            tokens.insert(hash(secret), "bootstrap", administrator.organization(), administrator.id(), Permission.all(),
                    Set.of(), null, null);
        }
    }

    /** Tokens of the caller's organization and those below it. Needs TOKENS_MANAGE. */
    public Page<ApiToken> list(Caller caller, PageRequest page) {
        caller.require(Permission.TOKENS_MANAGE);
        List<Long> scope = organizations.subtree(caller.organizationId());
        return Page.of(tokens.page(scope, page), tokens.count(scope), page);
    }

    /** Revokes a token at once. A user may revoke its own tokens; others need TOKENS_MANAGE. */
    @Transactional
    public void revoke(Caller caller, long id) {
        ApiToken token = tokens.find(id)
                .filter(found -> organizations.isWithin(new OrganizationId(found.organizationId()), caller.organizationId()))
                .orElseThrow(() -> new DomainException(ErrorCode.TOKEN_NOT_FOUND, "Token " + id + " was not found."));
        boolean own = token.userId() != null && caller.isUser(new UserId(token.userId()));
        if (!own && token.id() != caller.tokenId()) {
            caller.require(Permission.TOKENS_MANAGE);
        }
        tokens.revoke(id);
    }

    /** Resolves a bearer secret to the caller it stands for, or throws UNAUTHENTICATED. */
    public Caller authenticate(String secret) {
        ApiToken token = tokens.findByHash(hash(secret))
                .orElseThrow(() -> unauthenticated("The API token is not valid."));
        if (token.revokedAt() != null) {
            throw unauthenticated("The API token has been revoked.");
        }
        if (token.expiresAt() != null && !token.expiresAt().isAfter(clock.instant())) {
            throw unauthenticated("The API token has expired.");
        }
        if (token.userId() == null) {
            return new Caller(token.id(), new OrganizationId(token.organizationId()), Optional.empty(), token.permissions(),
                    token.scopes());
        }
        User user = users.find(new UserId(token.userId()))
                .orElseThrow(() -> unauthenticated("The API token's user no longer exists."));
        if (!user.activated()) {
            throw unauthenticated("The API token's user is not activated.");
        }
        EnumSet<Permission> effective = EnumSet.noneOf(Permission.class);
        effective.addAll(token.permissions());
        effective.retainAll(user.permissions());
        return new Caller(token.id(), user.organization(), Optional.of(user.userId()), effective, token.scopes());
    }

    private CreatedToken issue(String name, OrganizationId organization, Long userId, Set<Permission> permissions,
            Set<String> scopes, Optional<Instant> expiresAt) {
        String secret = newSecret();
        ApiToken details = tokens.insert(hash(secret), name, organization, userId, permissions, scopes,
                expiresAt.orElse(null), null);
        return new CreatedToken(details, secret);
    }

    /** Issues an access token to an OAuth client, acting for the client's user if it has one. */
    CreatedToken issueForClient(OAuthClient client, Instant expiresAt) {
        String secret = newSecret();
        ApiToken details = tokens.insert(hash(secret), "oauth2 " + client.clientId(), client.organization(),
                client.userId(), client.permissions(), Set.of(), expiresAt, client.id());
        return new CreatedToken(details, secret);
    }

    /** A new random secret: "moor_" and 43 URL-safe characters (256 bits). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "moor_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Losant's scope grammar (docs/rest-api/overview.md, "Application API Tokens"; scope lists on every
     * endpoint page): {@code all.User|Organization|Application|Device[.read]}, {@code resource.*} or
     * {@code resource.action}.
     */
    public static final Pattern SCOPE = Pattern.compile("^(all\\.(User|Organization|Application|Device)(\\.read)?|[a-zA-Z]{1,64}\\.(\\*|[a-zA-Z]{1,64}))$");

    private static Set<String> validScopes(Caller caller, Set<String> scopes) {
        if (scopes.size() > 100) {
            throw DomainException.invalid("A token has at most 100 scopes.");
        }
        for (String scope : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw DomainException.invalid("scopes must look like all.Application, all.Application.read, devices.* or devices.get.");
            }
        }
        if (!caller.scopes().isEmpty() && (scopes.isEmpty() || !caller.scopes().containsAll(scopes))) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "A token restricted by scopes can only create tokens restricted to some of its own scopes.");
        }
        return Set.copyOf(scopes);
    }

    static void requireSubset(Set<Permission> wanted, Set<Permission> held, String whose) {
        EnumSet<Permission> beyond = wanted.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(wanted);
        beyond.removeAll(held);
        if (!beyond.isEmpty()) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "A token can hold no more than " + whose + "; not held: " + beyond + ".");
        }
    }

    private static DomainException unauthenticated(String detail) {
        return new DomainException(ErrorCode.UNAUTHENTICATED, detail);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
