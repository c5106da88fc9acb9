package dev.moor.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeviceExportTests extends MoorIntegrationTest {

    @Test
    void losantExportPostsItsResultToTheCallbackRetryingAFailureAndServesTheFile() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String applicationId = api.get("/rest/v1/organizations/" + tenant.organizationId(), tenant.token())
                .body().get("applicationId").asString();
        String template = fixtures.template(tenant.token());
        fixtures.device(tenant.token(), Map.of("name", "Pump", "templateId", template,
                "tags", List.of(Map.of("key", "site", "value", "north"))));
        fixtures.device(tenant.token(), Map.of("name", "Valve", "templateId", template));
        Fixtures.Tenant other = fixtures.tenant();
        fixtures.device(other.token(), fixtures.template(other.token()), "Not Mine");

        try (CallbackReceiver callback = CallbackReceiver.start(1)) {
            Api.Response started = api.post("/applications/" + applicationId + "/devices/export?callbackUrl="
                    + callback.url() + "&email=ops@example.com", tenant.token(), Map.of());
            assertThat(started.status()).as(started.text()).isEqualTo(200);
            assertThat(started.body().get("success").asBoolean()).isTrue();

            await().atMost(Duration.ofSeconds(20)).until(() -> callback.received().size() == 1);
            assertThat(callback.calls()).as("the first attempt failed and was retried").isEqualTo(2);
            JsonNode result = callback.received().getFirst();
            assertThat(result.get("success").asBoolean()).isTrue();
            assertThat(result.get("kind").asString()).isEqualTo("devices");
            assertThat(result.get("count").asInt()).isEqualTo(2);
            String downloadUrl = result.get("downloadUrl").asString();
            assertThat(downloadUrl).startsWith("http://127.0.0.1:" + port + "/rest/v1/exports/");

            Api.Response file = api.get(downloadUrl.substring(("http://127.0.0.1:" + port).length()), null);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.header("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).contains("attachment"));
            assertThat(file.body().get("organizationId").asLong()).isEqualTo(tenant.organizationId());
            assertThat(file.body().get("applicationId").asString()).isEqualTo(applicationId);
            assertThat(file.body().get("count").asInt()).isEqualTo(2);
            JsonNode devices = file.body().get("devices");
            assertThat(devices.get(0).get("name").asString()).isEqualTo("Pump");
            assertThat(devices.get(0).get("tags").get(0).get("value").asString()).isEqualTo("north");
            assertThat(devices.get(1).get("name").asString()).isEqualTo("Valve");
            assertThat(devices.get(0).has("token")).as("device secrets are never exported").isFalse();
            assertThat(file.text()).doesNotContain("Not Mine");

            long exportId = result.get("exportId").asLong();
            JsonNode job = api.get("/rest/v1/exports/" + exportId, tenant.token()).body();
            assertThat(job.get("status").asString()).isEqualTo("done");
            assertThat(job.get("callbackStatus").asString()).isEqualTo("delivered");
            assertThat(job.get("callbackAttempts").asInt()).isEqualTo(2);
            assertThat(job.get("email").asString()).isEqualTo("ops@example.com");
            assertThat(job.get("emailStatus").asString()).as("no SMTP server is configured").isEqualTo("not_configured");
            assertThat(job.get("downloadUrl").asString()).isEqualTo(downloadUrl);

            assertThat(api.get("/rest/v1/exports/" + exportId, other.token()).status()).isEqualTo(404);
            assertThat(api.get(downloadUrl.substring(("http://127.0.0.1:" + port).length()).replaceAll("key=.*", "key=wrong"), null)
                    .status()).isEqualTo(404);
        }
    }

    @Test
    void nativeExportIsRecordedWithItsDownloadLinkWithoutAnyDestination() {
        Fixtures.Tenant tenant = fixtures.tenant();
        fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Lonely");

        Api.Response started = api.post("/rest/v1/exports", tenant.token(), Map.of());
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        long id = started.body().get("id").asLong();
        assertThat(started.body().get("status").asString()).isEqualTo("pending");
        assertThat(started.body().get("email").asString()).as("defaults to the caller's email").endsWith("@example.com");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/rest/v1/exports/" + id, tenant.token()).body().get("status").asString().equals("done"));
        JsonNode job = api.get("/rest/v1/exports/" + id, tenant.token()).body();
        assertThat(job.get("callbackStatus").asString()).isEqualTo("none");
        assertThat(job.get("itemCount").asInt()).isEqualTo(1);
        Api.Response file = api.get(job.get("downloadUrl").asString().replaceFirst("^http://[^/]+", ""), null);
        assertThat(file.body().get("devices").get(0).get("name").asString()).isEqualTo("Lonely");
        assertThat(api.get("/rest/v1/exports", tenant.token()).body().get("content").get(0).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void rejectsBadDestinationsAndRecordsNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        assertThat(api.post("/rest/v1/exports", tenant.token(), Map.of("callbackUrl", "file:///etc/passwd")).status()).isEqualTo(400);
        assertThat(api.post("/rest/v1/exports", tenant.token(), Map.of("callbackUrl", "not a url")).status()).isEqualTo(400);
        assertThat(api.post("/rest/v1/exports", tenant.token(), Map.of("email", "nobody")).status()).isEqualTo(400);
        long viewer = fixtures.user(tenant.token(), tenant.organizationId(), List.of("OWN_DEVICES_VIEW"));
        assertThat(api.post("/rest/v1/exports", fixtures.token(tenant.token(), viewer), Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/rest/v1/exports", tenant.token()).body().get("totalElements").asLong()).isZero();
    }
}
