package dev.moor.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AppApiTests extends MoorIntegrationTest {

    @Test
    void uploadsAppVersionsAndAssignsOneToADevice() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response app = api.post("/rest/v1/apps", tenant.token(), Map.of("name", "Irrigation"));
        assertThat(app.status()).as(app.text()).isEqualTo(201);
        long appId = app.body().get("id").asLong();
        assertThat(app.body().get("lastAppVersionId").isNull()).isTrue();
        assertThat(api.post("/rest/v1/apps", tenant.token(), Map.of("name", "Irrigation")).body().get("code").asString())
                .isEqualTo("APP_NAME_TAKEN");

        byte[] first = TestBinaries.image(30_000);
        byte[] second = TestBinaries.image(31_000);
        assertThat(uploadVersion(tenant, appId, "0.1.2", first).status()).isEqualTo(201);
        Api.Response newest = uploadVersion(tenant, appId, "0.1.3", second);
        assertThat(newest.status()).as(newest.text()).isEqualTo(201);
        assertThat(newest.body().get("md5").asString()).isEqualTo(TestBinaries.md5(second));
        long versionId = newest.body().get("id").asLong();
        assertThat(uploadVersion(tenant, appId, "again", second).body().get("code").asString()).isEqualTo("FIRMWARE_DUPLICATE");

        JsonNode versions = api.get("/rest/v1/apps/" + appId + "/versions", tenant.token()).body();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asString()).isEqualTo("0.1.3");
        assertThat(api.get("/rest/v1/apps/" + appId, tenant.token()).body().get("lastAppVersionId").asLong()).isEqualTo(versionId);

        String template = fixtures.template(tenant.token());
        JsonNode device = fixtures.device(tenant.token(), template, "Gateway " + Fixtures.unique());
        long deviceId = device.get("id").asLong();
        Api.Response target = api.post("/rest/v1/devices/" + deviceId + "/apps/set-target", tenant.token(),
                Map.of("appId", appId, "appVersionId", versionId));
        assertThat(target.status()).as(target.text()).isEqualTo(200);
        assertThat(target.body().get("target").get("id").asLong()).isEqualTo(versionId);
        assertThat(api.get("/rest/v1/devices/" + deviceId + "/app-status", tenant.token()).body().get("target").get("version")
                .asString()).isEqualTo("0.1.3");

        // The device downloads the version like firmware, by md5 with its own token.
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/rest/v1/ota/files/" + TestBinaries.md5(second) + "?token=" + device.get("token").asString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(second);
        }

        Api.Response versionInUse = api.delete("/rest/v1/apps/" + appId + "/versions/" + versionId, tenant.token());
        assertThat(versionInUse.status()).isEqualTo(409);
        Api.Response appInUse = api.delete("/rest/v1/apps/" + appId, tenant.token());
        assertThat(appInUse.status()).isEqualTo(409);
        assertThat(appInUse.body().get("code").asString()).isEqualTo("APP_IN_USE");
        assertThat(api.get("/rest/v1/apps/" + appId + "/versions", tenant.token()).body()).hasSize(2);
    }

    @Test
    void keepsAppsWithinTheirOrganizationAndRefusesBadInput() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long appId = api.post("/rest/v1/apps", tenant.token(), Map.of("name", "Mine")).body().get("id").asLong();
        Fixtures.Tenant stranger = fixtures.tenant();

        assertThat(api.get("/rest/v1/apps/" + appId, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get("/rest/v1/apps", stranger.token()).body()).isEmpty();
        assertThat(uploadVersion(stranger, appId, "1", TestBinaries.image(100)).status()).isEqualTo(404);
        assertThat(api.delete("/rest/v1/apps/" + appId, stranger.token()).status()).isEqualTo(404);

        String template = fixtures.template(stranger.token());
        long theirDevice = fixtures.device(stranger.token(), template, "Theirs").get("id").asLong();
        long versionId = uploadVersion(tenant, appId, "1", TestBinaries.image(100)).body().get("id").asLong();
        Api.Response foreignTarget = api.post("/rest/v1/devices/" + theirDevice + "/apps/set-target", stranger.token(),
                Map.of("appId", appId, "appVersionId", versionId));
        assertThat(foreignTarget.status()).isEqualTo(404);
        assertThat(api.post("/rest/v1/devices/" + theirDevice + "/apps/set-target", stranger.token(), Map.of()).status())
                .isEqualTo(400);

        assertThat(api.post("/rest/v1/apps", tenant.token(), Map.of("name", " ")).status()).isEqualTo(400);
        Api.Response empty = new Multipart().field("name", "Empty").file("file", "app.bin", "application/octet-stream", new byte[0])
                .post(port, "/rest/v1/apps/" + appId + "/versions", tenant.token());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(api.get("/rest/v1/apps/" + appId + "/versions", tenant.token()).body()).hasSize(1);

        assertThat(api.delete("/rest/v1/apps/" + appId + "/versions/" + versionId, tenant.token()).status()).isEqualTo(204);
        assertThat(api.delete("/rest/v1/apps/" + appId, tenant.token()).status()).isEqualTo(204);
        assertThat(api.get("/rest/v1/apps/" + appId, tenant.token()).status()).isEqualTo(404);
    }

    private Api.Response uploadVersion(Fixtures.Tenant tenant, long appId, String version, byte[] content) {
        return new Multipart().field("name", "Build " + version).field("version", version)
                .file("file", "app.bin", "application/octet-stream", content)
                .post(port, "/rest/v1/apps/" + appId + "/versions", tenant.token());
    }
}
