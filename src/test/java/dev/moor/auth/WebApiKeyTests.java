package dev.moor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;

/** Web API keys, checked through the one surface that takes them in its path (Iomote MyMote). */
class WebApiKeyTests extends MoorIntegrationTest {

    @Test
    void createsAndRotatesAUsersKey() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response first = api.post(keyPath(tenant.adminUserId()), tenant.token(), null);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.body().propertyNames()).containsExactly("webapiKey");
        String key = first.body().get("webapiKey").asString();
        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(groups(tenant.adminUserId(), key).status()).isEqualTo(200);

        String rotated = api.post(keyPath(tenant.adminUserId()), tenant.token(), null).body().get("webapiKey").asString();
        assertThat(rotated).isNotEqualTo(key);
        assertThat(groups(tenant.adminUserId(), rotated).status()).isEqualTo(200);
        assertThat(groups(tenant.adminUserId(), key).status()).as("the old key stops working").isEqualTo(401);

        assertThat(api.delete(keyPath(tenant.adminUserId()), tenant.token()).status()).isEqualTo(204);
        assertThat(groups(tenant.adminUserId(), rotated).status()).isEqualTo(401);
        assertThat(api.delete(keyPath(tenant.adminUserId()), tenant.token()).status()).isEqualTo(404);
    }

    @Test
    void letsUsersMakeTheirOwnKeyAndOnlyManagersOthers() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long viewer = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW"));
        long other = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW"));
        String viewerToken = fixtures.token(tenant.token(), viewer);

        Api.Response own = api.post(keyPath(viewer), viewerToken, null);
        assertThat(own.status()).as(own.text()).isEqualTo(200);
        assertThat(api.post(keyPath(other), viewerToken, null).status()).isEqualTo(403);
        assertThat(api.post(keyPath(other), tenant.token(), null).status()).as("TOKENS_MANAGE may").isEqualTo(200);

        long manager = fixtures.user(tenant.token(), tenant.organizationId(), List.of("TOKENS_MANAGE"));
        String managerToken = fixtures.token(tenant.token(), manager);
        Api.Response beyond = api.post(keyPath(viewer), managerToken, null);
        assertThat(beyond.status()).as("no key with permissions the caller lacks").isEqualTo(403);
        assertThat(groups(viewer, own.body().get("webapiKey").asString()).status())
                .as("a refused rotation leaves the old key working").isEqualTo(200);
    }

    @Test
    void keepsOtherTenantsUsersOutOfReach() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        Api.Response foreign = api.post(keyPath(tenant.adminUserId()), stranger.token(), null);
        Api.Response missing = api.post(keyPath(999_999_999L), stranger.token(), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.body().get("code").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(api.post(keyPath(tenant.adminUserId()), null, null).status()).isEqualTo(401);
    }

    @Test
    void answersEveryWrongPairAlike() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        String key = api.post(keyPath(tenant.adminUserId()), tenant.token(), null).body().get("webapiKey").asString();
        String strangerKey = api.post(keyPath(stranger.adminUserId()), stranger.token(), null).body().get("webapiKey").asString();

        List<Api.Response> wrong = List.of(
                groups(tenant.adminUserId(), strangerKey),
                groups(stranger.adminUserId(), key),
                groups(tenant.adminUserId(), key.substring(1) + "x"),
                groups(999_999_999L, key),
                api.get("/api/user/not-a-number/" + key + "/groups", null));
        for (Api.Response response : wrong) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text()).isEqualTo("{\"error\":\"The user id and web API key do not match.\"}");
        }
    }

    private static String keyPath(long userId) {
        return "/rest/v1/users/" + userId + "/webapi-key";
    }

    private Api.Response groups(long userId, String key) {
        return api.get("/api/user/" + userId + "/" + key + "/groups", null);
    }
}
