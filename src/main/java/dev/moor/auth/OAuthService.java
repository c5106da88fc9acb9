package dev.moor.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * OAuth2 clients and the token grants of RFC 6749 that Blynk.Cloud offers: client credentials, and
 * single-use refresh tokens (vendor-notes.md, Blynk "Authentication"). Access tokens are ordinary API
 * tokens with an expiry, so every surface authenticates them the same way.
 */
@Service
public class OAuthService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CLIENT_ID_PREFIX = "oa2-client-id_";

    private final OAuthClientStore clients;
    private final TokenService tokens;
    private final UserService users;
    private final OrganizationService organizations;
    private final OAuthProperties properties;
    private final Clock clock = Clock.systemUTC();

    OAuthService(OAuthClientStore clients, TokenService tokens, UserService users, OrganizationService organizations,
            OAuthProperties properties) {
        this.clients = clients;
        this.tokens = tokens;
        this.users = users;
        this.organizations = organizations;
        this.properties = properties;
    }

    /** A client to create: for a user, or (without one) for an organization, by default the caller's. */
    public record NewClient(Optional<String> name, Optional<UserId> user, Optional<OrganizationId> organization,
            Optional<Set<Permission>> permissions) {
    }

    /** A created client: the secret is in {@code clientSecret}, and is never shown again. */
    public record CreatedClient(OAuthClient client, String clientSecret) {
    }

    /** What the token endpoint hands out. {@code refreshToken} is single-use. */
    public record Grant(String accessToken, Duration expiresIn, String refreshToken) {
    }

    /**
     * Creates a client. The same rules as for API tokens apply: a user may create clients acting for
     * itself, anything else needs TOKENS_MANAGE; permissions default to the user's (or, for an
     * organization client, the caller's) and may never exceed them.
     */
    @Transactional
    public CreatedClient create(Caller caller, NewClient request) {
        if (request.user().isPresent() && request.organization().isPresent()) {
            throw DomainException.invalid("Give userId or organizationId, not both.");
        }
        String name = request.name().map(String::strip).orElse(null);
        if (name != null && (name.isEmpty() || name.length() > 100)) {
            throw DomainException.invalid("name must have 1 to 100 characters.");
        }
        String secret = newSecret();
        String clientId = CLIENT_ID_PREFIX + randomText(15);
        if (request.user().isPresent()) {
            UserId userId = request.user().get();
            if (!caller.isUser(userId)) {
                caller.require(Permission.TOKENS_MANAGE);
            }
            User user = users.findWithinReach(caller, userId).orElseThrow(() -> UserService.notFound(userId));
            Set<Permission> permissions = request.permissions().orElse(user.permissions());
            TokenService.requireSubset(permissions, user.permissions(), "the user holds");
            TokenService.requireSubset(permissions, caller.permissions(), "this token holds");
            return new CreatedClient(clients.insert(clientId, TokenService.hash(secret), name, user.organization(),
                    user.id(), permissions), secret);
        }
        caller.require(Permission.TOKENS_MANAGE);
        OrganizationId organization = request.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        Set<Permission> permissions = request.permissions().orElse(caller.permissions());
        TokenService.requireSubset(permissions, caller.permissions(), "this token holds");
        return new CreatedClient(clients.insert(clientId, TokenService.hash(secret), name, organization, null, permissions),
                secret);
    }

    /** Clients of the caller's organization and those below it. Needs TOKENS_MANAGE. */
    public Page<OAuthClient> list(Caller caller, PageRequest page) {
        caller.require(Permission.TOKENS_MANAGE);
        List<Long> scope = organizations.subtree(caller.organizationId());
        return Page.of(clients.page(scope, page), clients.count(scope), page);
    }

    /**
     * Deletes a client with every access and refresh token it obtained. A user may delete the clients
     * that act for it; others need TOKENS_MANAGE. Throws OAUTH_CLIENT_NOT_FOUND out of reach.
     */
    @Transactional
    public void delete(Caller caller, long id) {
        OAuthClient client = clients.find(id)
                .filter(found -> organizations.isWithin(found.organization(), caller.organizationId()))
                .orElseThrow(() -> new DomainException(ErrorCode.OAUTH_CLIENT_NOT_FOUND, "OAuth client " + id + " was not found."));
        boolean own = client.userId() != null && caller.isUser(new UserId(client.userId()));
        if (!own) {
            caller.require(Permission.TOKENS_MANAGE);
        }
        clients.delete(id);
    }

    /**
     * The client-credentials grant: an access token for the client, with a refresh token. Throws
     * OAUTH_INVALID_CLIENT for an unknown client or a wrong secret, or when the client's user is gone
     * or deactivated.
     */
    @Transactional
    public Grant clientCredentials(String clientId, String clientSecret) {
        return issue(authenticate(clientId, clientSecret));
    }

    /**
     * The refresh-token grant: a new access token and a new refresh token, in exchange for a refresh token
     * the client obtained before, which is then used up. Throws OAUTH_INVALID_CLIENT as
     * {@link #clientCredentials} does, and OAUTH_INVALID_GRANT for an unknown, used or expired refresh token.
     */
    @Transactional
    public Grant refresh(String clientId, String clientSecret, String refreshToken) {
        OAuthClient client = authenticate(clientId, clientSecret);
        if (refreshToken == null || refreshToken.isBlank()
                || !clients.useRefreshToken(TokenService.hash(refreshToken.strip()), client.id(), clock.instant())) {
            throw new DomainException(ErrorCode.OAUTH_INVALID_GRANT, "The refresh token is not valid, used or expired.");
        }
        return issue(client);
    }

    private Grant issue(OAuthClient client) {
        Instant now = clock.instant();
        TokenService.CreatedToken access = tokens.issueForClient(client, now.plus(properties.accessTokenLifetime()));
        String refreshToken = newSecret();
        clients.insertRefreshToken(TokenService.hash(refreshToken), client.id(), now.plus(properties.refreshTokenLifetime()));
        return new Grant(access.token(), properties.accessTokenLifetime(), refreshToken);
    }

    private OAuthClient authenticate(String clientId, String clientSecret) {
        DomainException invalid = new DomainException(ErrorCode.OAUTH_INVALID_CLIENT,
                "Client ID is not found or password is wrong.");
        if (clientId == null || clientSecret == null) {
            throw invalid;
        }
        OAuthClient client = clients.findByClientId(clientId).orElseThrow(() -> invalid);
        byte[] expected = clients.secretHash(client.id()).orElseThrow(() -> invalid);
        if (!MessageDigest.isEqual(expected, TokenService.hash(clientSecret))) {
            throw invalid;
        }
        if (client.userId() != null) {
            User user = users.find(new UserId(client.userId())).orElseThrow(() -> invalid);
            if (!user.activated()) {
                throw new DomainException(ErrorCode.OAUTH_INVALID_CLIENT, "The client's user is not activated.");
            }
        }
        return client;
    }

    private static String newSecret() {
        return randomText(32);
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
