package dev.moor.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.Permission;
import dev.moor.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-user web API keys, for APIs that carry the user id and a key in the URL path instead of a bearer
 * header (Iomote MyMote's {@code api/user/{userid}/{webapi_key}/...}). A user has at most one key; making a
 * new one retires the old. Only a SHA-256 hash is stored. A key acts for its user with the user's
 * permissions at the time of each request, and is rate-limited like an API token.
 */
@Service
public class WebApiKeyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MISMATCH = "The user id and web API key do not match.";

    private final WebApiKeyStore keys;
    private final UserService users;
    private final ApiRateLimiter rateLimiter;

    WebApiKeyService(WebApiKeyStore keys, UserService users, ApiRateLimiter rateLimiter) {
        this.keys = keys;
        this.users = users;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Creates the user's web API key, or replaces the one it has, and returns the new key (shown only
     * here). A user may do this for itself; for another user within reach the caller needs TOKENS_MANAGE
     * and every permission that user holds, so that no one gains access they do not already have.
     * Throws USER_NOT_FOUND for a user out of reach.
     */
    @Transactional
    public String rotate(Caller caller, UserId userId) {
        User user = requireManageable(caller, userId);
        String key = newKey();
        keys.replace(user.userId(), hash(key));
        return key;
    }

    /** Deletes the user's web API key, under the rules of {@link #rotate}. Throws TOKEN_NOT_FOUND when it has none. */
    @Transactional
    public void revoke(Caller caller, UserId userId) {
        User user = requireManageable(caller, userId);
        if (!keys.delete(user.userId())) {
            throw new DomainException(ErrorCode.TOKEN_NOT_FOUND, "User " + userId + " has no web API key.");
        }
    }

    /**
     * The caller behind a user id and web API key, both as they appear in a URL. Every failure (a malformed
     * or unknown user id, a wrong key, another user's key, a user that is not activated) throws the same
     * UNAUTHENTICATED, so that an answer tells nothing about which part was wrong. Throws RATE_LIMITED when
     * the key has used up its requests.
     */
    public Caller authenticate(String userId, String key) {
        Optional<UserId> id = parseUserId(userId);
        if (id.isEmpty() || key == null || key.isEmpty() || key.length() > 256) {
            throw mismatch();
        }
        byte[] presented = hash(key);
        WebApiKeyStore.StoredKey stored = keys.find(id.get()).orElseThrow(WebApiKeyService::mismatch);
        if (!MessageDigest.isEqual(stored.hash(), presented)) {
            throw mismatch();
        }
        User user = users.find(id.get()).filter(User::activated).orElseThrow(WebApiKeyService::mismatch);
        rateLimiter.consume(stored.id());
        return new Caller(stored.id(), user.organization(), Optional.of(user.userId()), user.permissions());
    }

    private User requireManageable(Caller caller, UserId userId) {
        if (caller.isUser(userId)) {
            return users.findWithinReach(caller, userId).orElseThrow(() -> UserService.notFound(userId));
        }
        caller.require(Permission.TOKENS_MANAGE);
        User user = users.findWithinReach(caller, userId).orElseThrow(() -> UserService.notFound(userId));
        if (!caller.permissions().containsAll(user.permissions())) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "A web API key acts with all of its user's permissions, and this token does not hold them all.");
        }
        return user;
    }

    private static Optional<UserId> parseUserId(String userId) {
        if (userId == null || !userId.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(new UserId(Long.parseLong(userId)));
    }

    /** 43 URL-safe characters (256 bits), safe in a path segment. */
    private static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static DomainException mismatch() {
        return new DomainException(ErrorCode.UNAUTHENTICATED, MISMATCH);
    }
}
