package dev.moor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OAuth2 clients (/rest/v1/oauth-clients) and the token endpoint (/oauth2/token), as Blynk.Cloud clients use them. */
class OAuthApiTests extends MoorIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOrganizationClientObtainsAnExpiringOrganizationScopedTokenWithBasicAuth() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Visible");
        JsonNode client = client(tenant.token(), Map.of("name", "integration"));
        assertThat(client.get("clientId").asString()).startsWith("oa2-client-id_");
        assertThat(client.get("organizationId").asLong()).isEqualTo(tenant.organizationId());

        HttpResponse<String> response = token("grant_type=client_credentials", basic(client), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode grant = Api.JSON.readTree(response.body());
        assertThat(grant.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(grant.get("expires_in").asLong()).isEqualTo(86_400);
        assertThat(grant.get("refresh_token").asString()).isNotBlank();

        String accessToken = grant.get("access_token").asString();
        Api.Response devices = api.get("/api/v1/organization/devices", accessToken);
        assertThat(devices.status()).as(devices.text()).isEqualTo(200);
        assertThat(devices.body().get("totalElements").asLong()).isEqualTo(1);

        JsonNode issued = api.get("/rest/v1/tokens?size=1000", tenant.token()).body().get("content").valueStream()
                .filter(token -> token.get("name").asString("").equals("oauth2 " + client.get("clientId").asString()))
                .findFirst().orElseThrow();
        assertThat(issued.get("userId").isNull()).isTrue();
        assertThat(Instant.parse(issued.get("expiresAt").asString()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    void acceptsTheClientCredentialsAsQueryOrFormParameters() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode client = client(tenant.token(), Map.of());
        String credentials = "client_id=" + client.get("clientId").asString() + "&client_secret=" + client.get("clientSecret").asString();

        HttpResponse<String> query = token("grant_type=client_credentials&" + credentials, null, null);
        assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
        HttpResponse<String> form = token("", null, "grant_type=client_credentials&" + credentials);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/organization/devices", Api.JSON.readTree(form.body()).get("access_token").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void refusesBadCredentialsAndGrantsInRfc6749FormWithoutIssuingTokens() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode client = client(tenant.token(), Map.of());
        long tokensBefore = tokenCount(tenant.token());

        HttpResponse<String> wrongSecret = token("grant_type=client_credentials&client_id=" + client.get("clientId").asString()
                + "&client_secret=wrong", null, null);
        assertOAuthError(wrongSecret, "invalid_client");
        assertThat(Api.JSON.readTree(wrongSecret.body()).get("error_description").asString())
                .isEqualTo("Client ID is not found or password is wrong.");
        assertOAuthError(token("grant_type=client_credentials", "Basic " + encode("oa2-client-id_nobody:secret"), null), "invalid_client");
        assertOAuthError(token("grant_type=client_credentials", "Basic !!!", null), "invalid_client");
        assertOAuthError(token("grant_type=client_credentials", null, null), "invalid_client");
        assertOAuthError(token("", basic(client), null), "invalid_request");
        assertOAuthError(token("grant_type=password", basic(client), null), "unsupported_grant_type");
        assertOAuthError(token("grant_type=refresh_token&refresh_token=made-up", basic(client), null), "invalid_grant");
        assertThat(tokenCount(tenant.token())).isEqualTo(tokensBefore);
    }

    @Test
    void refreshTokensAreSingleUse() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode client = client(tenant.token(), Map.of());
        String refresh = Api.JSON.readTree(token("grant_type=client_credentials", basic(client), null).body())
                .get("refresh_token").asString();

        HttpResponse<String> refreshed = token("grant_type=refresh_token&refresh_token=" + refresh, basic(client), null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode grant = Api.JSON.readTree(refreshed.body());
        assertThat(grant.get("refresh_token").asString()).isNotEqualTo(refresh);
        assertThat(api.get("/api/v1/organization/devices", grant.get("access_token").asString()).status()).isEqualTo(200);

        assertOAuthError(token("grant_type=refresh_token&refresh_token=" + refresh, basic(client), null), "invalid_grant");
        JsonNode otherClient = client(tenant.token(), Map.of());
        assertOAuthError(token("grant_type=refresh_token&refresh_token=" + grant.get("refresh_token").asString(),
                basic(otherClient), null), "invalid_grant");
    }

    @Test
    void aUserClientObtainsUserScopedTokensLimitedByTheUser() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = fixtures.template(tenant.token());
        long userId = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW", "ORG_DEVICES_VIEW"));
        String userToken = fixtures.token(tenant.token(), userId);
        fixtures.device(tenant.token(), Map.of("name", "Owned", "templateId", template, "ownerUserId", userId));
        fixtures.device(tenant.token(), template, "Unowned");

        // A user may create a client for itself without TOKENS_MANAGE, with no more than it holds.
        assertThat(api.post("/rest/v1/oauth-clients", userToken, Map.of("userId", userId, "permissions", List.of("ORG_EDIT")))
                .status()).isEqualTo(403);
        assertThat(api.post("/rest/v1/oauth-clients", userToken, Map.of("userId", tenant.adminUserId())).status()).isEqualTo(403);
        assertThat(api.post("/rest/v1/oauth-clients", userToken, Map.of()).status()).isEqualTo(403);
        JsonNode client = client(userToken, Map.of("userId", userId, "permissions", List.of("OWN_DEVICES_VIEW")));
        assertThat(client.get("userId").asLong()).isEqualTo(userId);

        String access = Api.JSON.readTree(token("grant_type=client_credentials", basic(client), null).body())
                .get("access_token").asString();
        Api.Response mine = api.get("/api/v1/organization/device/by-owner?ownerEmail=" + email(tenant, userId), access);
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.body().get("totalElements").asLong()).isEqualTo(1);
        // OWN_DEVICES_VIEW only: the organization-wide listing is refused.
        assertThat(api.get("/api/v1/organization/devices", access).status()).isEqualTo(403);

        // A deactivated user's client gets no tokens, and its tokens stop working.
        assertThat(api.patch("/rest/v1/users/" + userId, tenant.token(), Map.of("activated", false)).status()).isEqualTo(200);
        assertOAuthError(token("grant_type=client_credentials", basic(client), null), "invalid_client");
        assertThat(api.get("/api/v1/organization/device/by-owner?ownerEmail=" + email(tenant, userId), access).status()).isEqualTo(403);
    }

    @Test
    void deletingAClientRevokesItsTokensAndListingsNeverShowSecrets() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode client = client(tenant.token(), Map.of("name", "temporary"));
        String access = Api.JSON.readTree(token("grant_type=client_credentials", basic(client), null).body())
                .get("access_token").asString();
        assertThat(api.get("/api/v1/organization/devices", access).status()).isEqualTo(200);

        Api.Response listed = api.get("/rest/v1/oauth-clients", tenant.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(listed.text()).doesNotContain(client.get("clientSecret").asString()).doesNotContain("secret");

        Fixtures.Tenant other = fixtures.tenant();
        assertThat(api.delete("/rest/v1/oauth-clients/" + client.get("id").asLong(), other.token()).status()).isEqualTo(404);
        assertThat(api.delete("/rest/v1/oauth-clients/" + client.get("id").asLong(), tenant.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/organization/devices", access).status()).isEqualTo(403);
        assertOAuthError(token("grant_type=client_credentials", basic(client), null), "invalid_client");
    }

    private JsonNode client(String token, Map<String, Object> body) {
        Api.Response created = api.post("/rest/v1/oauth-clients", token, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("clientSecret").asString()).isNotBlank();
        return created.body();
    }

    private HttpResponse<String> token(String query, String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"
                + (query.isEmpty() ? "" : "?" + query)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertOAuthError(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = Api.JSON.readTree(response.body());
        assertThat(body.get("error").asString()).isEqualTo(error);
        assertThat(body.get("error_description").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception");
    }

    private static String basic(JsonNode client) {
        return "Basic " + encode(client.get("clientId").asString() + ":" + client.get("clientSecret").asString());
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private long tokenCount(String token) {
        return api.get("/rest/v1/tokens", token).body().get("totalElements").asLong();
    }

    private String email(Fixtures.Tenant tenant, long userId) {
        return api.get("/rest/v1/users/" + userId, tenant.token()).body().get("email").asString();
    }
}
