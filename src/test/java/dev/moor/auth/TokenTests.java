package dev.moor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;

class TokenTests extends MoorIntegrationTest {

    @Test
    void refusesRequestsWithoutAValidToken() {
        Api.Response missing = api.get("/rest/v1/devices", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.get("/rest/v1/devices", "moor_not_a_real_token").status()).isEqualTo(401);
        assertThat(api.send("GET", "/rest/v1/devices", null, null, "application/json").status()).isEqualTo(401);
    }

    @Test
    void showsTheSecretOnlyOnCreationAndStoresNoSecretInListings() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response created = api.post("/rest/v1/tokens", tenant.token(), Map.of("name", "ci"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.body().get("token").asString();
        assertThat(secret).startsWith("moor_");
        assertThat(created.body().get("id").asLong()).isPositive();

        Api.Response listed = api.get("/rest/v1/tokens?size=1000", tenant.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(secret);
        assertThat(api.get("/rest/v1/devices", secret).status()).isEqualTo(200);
    }

    @Test
    void revocationTakesEffectImmediately() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response created = api.post("/rest/v1/tokens", tenant.token(), Map.of("userId", tenant.adminUserId()));
        String secret = created.body().get("token").asString();
        assertThat(api.get("/rest/v1/devices", secret).status()).isEqualTo(200);

        assertThat(api.delete("/rest/v1/tokens/" + created.body().get("id").asLong(), tenant.token()).status()).isEqualTo(204);

        Api.Response revoked = api.get("/rest/v1/devices", secret);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body().get("detail").asString()).contains("revoked");
    }

    @Test
    void expiredTokensAreRefused() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response created = api.post("/rest/v1/tokens", tenant.token(),
                Map.of("userId", tenant.adminUserId(), "expiresAt", Instant.now().plusSeconds(2).toString()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.body().get("token").asString();
        assertThat(api.get("/rest/v1/devices", secret).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Response expired = api.get("/rest/v1/devices", secret);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.body().get("detail").asString()).contains("expired");
        });

        Api.Response past = api.post("/rest/v1/tokens", tenant.token(),
                Map.of("userId", tenant.adminUserId(), "expiresAt", Instant.now().minusSeconds(60).toString()));
        assertThat(past.status()).isEqualTo(400);
    }

    @Test
    void aUserTokenNeverHoldsMoreThanItsUser() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long viewer = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW"));

        Api.Response tooMuch = api.post("/rest/v1/tokens", tenant.token(),
                Map.of("userId", viewer, "permissions", List.of("ORG_DEVICES_VIEW", "ORG_DEVICES_DELETE")));
        assertThat(tooMuch.status()).isEqualTo(403);

        String token = fixtures.token(tenant.token(), viewer);
        assertThat(api.get("/rest/v1/devices", token).status()).isEqualTo(200);
        Api.Response escalate = api.post("/rest/v1/users", token, Map.of("email", Fixtures.unique() + "@example.com",
                "name", "Sneaky", "permissions", List.of("ORG_USERS_EDIT")));
        assertThat(escalate.status()).isEqualTo(403);

        // Taking a permission away from the user takes it away from the user's existing tokens at once.
        assertThat(api.patch("/rest/v1/users/" + viewer, tenant.token(), Map.of("permissions", List.of())).status())
                .isEqualTo(200);
        assertThat(api.get("/rest/v1/devices", token).status()).isEqualTo(403);
    }

    @Test
    void deactivatedUsersCannotUseTheirTokens() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long user = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW"));
        String token = fixtures.token(tenant.token(), user);
        assertThat(api.patch("/rest/v1/users/" + user, tenant.token(), Map.of("activated", false)).status()).isEqualTo(200);
        assertThat(api.get("/rest/v1/devices", token).status()).isEqualTo(401);
    }

    @Test
    void rejectsDuplicateEmailsWithConflict() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String email = Fixtures.unique() + "@example.com";
        Map<String, Object> user = Map.of("email", email, "name", "First", "permissions", List.of());
        assertThat(api.post("/rest/v1/users", tenant.token(), user).status()).isEqualTo(201);
        Api.Response duplicate = api.post("/rest/v1/users", tenant.token(),
                Map.of("email", email.toUpperCase(), "name", "Second", "permissions", List.of()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("code").asString()).isEqualTo("EMAIL_TAKEN");
        assertThat(api.get("/rest/v1/users?size=1000", tenant.token()).body().get("totalElements").asLong()).isEqualTo(2);
    }
}
