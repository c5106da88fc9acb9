package dev.moor.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 token endpoint, as Blynk.Cloud has it: {@code POST /oauth2/token?grant_type=client_credentials}
 * with the client authenticated by HTTP Basic or by {@code client_id}/{@code client_secret} parameters, and
 * {@code grant_type=refresh_token&refresh_token=...} (vendor-notes.md, Blynk "Authentication"). Parameters
 * may come in the query string or as a form body.
 */
@RestController
class OAuthTokenController {

    private final OAuthService oauth;

    OAuthTokenController(OAuthService oauth) {
        this.oauth = oauth;
    }

    /** RFC 6749 section 5.1 access token response. */
    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") String refreshToken) {
    }

    private record ClientCredentials(String clientId, String clientSecret) {
    }

    @PostMapping("/oauth2/token")
    ResponseEntity<TokenResponse> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestParam(name = "refresh_token", required = false) String refreshToken,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (grantType == null || grantType.isBlank()) {
            throw DomainException.invalid("grant_type is required.");
        }
        ClientCredentials client = basic(authorization)
                .orElseGet(() -> new ClientCredentials(clientId, clientSecret));
        OAuthService.Grant grant = switch (grantType) {
            case "client_credentials" -> oauth.clientCredentials(client.clientId(), client.clientSecret());
            case "refresh_token" -> oauth.refresh(client.clientId(), client.clientSecret(), refreshToken);
            default -> throw new DomainException(ErrorCode.OAUTH_UNSUPPORTED_GRANT_TYPE,
                    "grant_type must be client_credentials or refresh_token.");
        };
        // RFC 6749 section 5.1: responses carrying tokens must not be cached.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new TokenResponse(grant.accessToken(), "Bearer", grant.expiresIn().toSeconds(), grant.refreshToken()));
    }

    private static Optional<ClientCredentials> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new DomainException(ErrorCode.OAUTH_INVALID_CLIENT, "The Basic credentials are not valid Base64.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new DomainException(ErrorCode.OAUTH_INVALID_CLIENT, "The Basic credentials must be client_id:client_secret.");
        }
        return Optional.of(new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
