package dev.moor.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.moor.command.SimulatedDevice;
import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Over-the-air updates end to end, with a simulated device on a real MQTT connection that downloads over HTTP. */
class OtaFlowTests extends MoorIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void updatesADeviceFromTriggerToVerifiedDownloadToReportedSuccess() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String base = "/rest/v1/devices/" + device.get("id").asLong();
        try (SimulatedDevice board = online(device)) {
            Api.Response noTarget = api.post(base + "/ota", tenant.token(), null);
            assertThat(noTarget.status()).isEqualTo(409);
            assertThat(noTarget.body().get("code").asString()).isEqualTo("OTA_TARGET_MISSING");
            assertThat(noTarget.body().get("detail").asString()).isEqualTo("Assign firmware first to trigger OTA.");
            assertThat(api.get(base + "/ota-attempts", tenant.token()).body().get("totalElements").asLong()).isZero();

            byte[] image = TestBinaries.image(600_000);
            assertThat(new Multipart().field("name", "Release").field("version", "3.0.0")
                    .file("file", "firmware.bin", "application/octet-stream", image)
                    .post(port, base + "/firmwares", tenant.token()).status()).isEqualTo(201);
            assertThat(api.post(base + "/firmwares/set-target", tenant.token(), Map.of("md5", TestBinaries.md5(image))).status())
                    .isEqualTo(200);

            Api.Response triggered = api.post(base + "/ota", tenant.token(), null);
            assertThat(triggered.status()).as(triggered.text()).isEqualTo(202);
            assertThat(triggered.body().get("status").asString()).isEqualTo("PENDING");
            long attemptId = triggered.body().get("id").asLong();

            JsonNode command = board.nextCommand();
            assertThat(command.get("name").asString()).isEqualTo("ota");
            JsonNode ota = command.get("payload");
            assertThat(ota.get("md5").asString()).isEqualTo(TestBinaries.md5(image));
            assertThat(ota.get("size").asLong()).isEqualTo(image.length);
            assertThat(ota.get("version").asString()).isEqualTo("3.0.0");
            assertThat(ota.get("attemptId").asLong()).isEqualTo(attemptId);
            board.acknowledge(command.get("id").asString(), "{\"status\": \"ok\"}");

            // The device downloads what the command names, with its own token, and checks the md5 itself.
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(ota.get("url").asString()))
                    .header("Authorization", "Bearer " + device.get("token").asString()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).hasSize(ota.get("size").asInt());
            assertThat(TestBinaries.md5(download.body())).isEqualTo(ota.get("md5").asString());
            assertThat(download.headers().firstValue("x-MD5")).hasValue(ota.get("md5").asString());
            assertThat(attempt(tenant, device).get("status").asString()).isEqualTo("DOWNLOADING");

            board.publish("ota", "{\"status\": \"downloading\", \"progress\": 60}");
            await().atMost(Duration.ofSeconds(30)).until(() -> attempt(tenant, device).get("progress").asInt() == 60);
            board.publish("ota", "{\"status\": \"installing\", \"progress\": 100}");
            await().atMost(Duration.ofSeconds(30)).until(() -> attempt(tenant, device).get("status").asString().equals("INSTALLING"));
            board.publish("ota", "{\"status\": \"success\", \"md5\": \"" + TestBinaries.md5(image) + "\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> attempt(tenant, device).get("status").asString().equals("SUCCEEDED"));

            JsonNode status = api.get(base + "/firmware-status", tenant.token()).body();
            assertThat(status.get("current").get("md5").asString()).isEqualTo(TestBinaries.md5(image));
            assertThat(status.get("currentVersion").asString()).isEqualTo("3.0.0");
            assertThat(status.get("lastOtaAt").isNull()).isFalse();
            assertThat(api.get(base + "/firmwares", tenant.token()).body().get(0).get("isCurrent").asBoolean()).isTrue();
            // Each step is on the device's timeline.
            JsonNode timeline = api.get(base + "/timeline?size=100", tenant.token()).body();
            assertThat(timeline.get("content")).extracting(entry -> entry.get("type").asString())
                    .contains("OTA_STARTED", "COMMAND_SENT", "OTA_PROGRESS", "FIRMWARE_CHANGED");
        }
    }

    @Test
    void aFailureOrAWrongMd5ReportedOverHttpFailsTheAttemptAndKeepsTheCurrentFirmware() throws IOException, InterruptedException {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String base = "/rest/v1/devices/" + device.get("id").asLong();
        byte[] image = TestBinaries.image(10_000);
        new Multipart().field("name", "Build").file("file", "f.bin", "application/octet-stream", image)
                .post(port, base + "/firmwares", tenant.token());
        api.post(base + "/firmwares/set-target", tenant.token(), Map.of("md5", TestBinaries.md5(image)));
        String progress = "/rest/v1/ota/progress?token=" + device.get("token").asString();

        try (SimulatedDevice board = online(device)) {
            assertThat(api.post(base + "/ota", tenant.token(), Map.of("whenOffline", "reject")).status()).isEqualTo(202);
            board.nextCommand();
            assertThat(api.post(progress, null, Map.of("status", "failed", "error", "flash write failed")).status()).isEqualTo(204);
            assertThat(attempt(tenant, device).get("status").asString()).isEqualTo("FAILED");
            assertThat(attempt(tenant, device).get("error").asString()).isEqualTo("flash write failed");

            assertThat(api.post(base + "/ota", tenant.token(), null).status()).isEqualTo(202);
            board.nextCommand();
            assertThat(api.post(progress, null, Map.of("status", "success", "md5", TestBinaries.md5(new byte[] {1}))).status())
                    .isEqualTo(204);
            assertThat(attempt(tenant, device).get("status").asString()).isEqualTo("FAILED");
            assertThat(attempt(tenant, device).get("error").asString()).contains("md5");
        }
        assertThat(api.get(base + "/firmware-status", tenant.token()).body().get("lastOtaAt").isNull()).isTrue();
        assertThat(api.post(progress, null, Map.of("status", "exploded")).status()).isEqualTo(400);
        assertThat(api.post("/rest/v1/ota/progress?token=wrong", null, Map.of("status", "success")).status()).isEqualTo(401);
        assertThat(api.get(base + "/ota-attempts", tenant.token()).body().get("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void anOfflineDeviceGetsNoOtaAttemptUnlessItIsQueued() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String base = "/rest/v1/devices/" + device.get("id").asLong();
        byte[] image = TestBinaries.image(10_000);
        new Multipart().field("name", "Build").file("file", "f.bin", "application/octet-stream", image)
                .post(port, base + "/firmwares", tenant.token());
        api.post(base + "/firmwares/set-target", tenant.token(), Map.of("md5", TestBinaries.md5(image)));

        Api.Response refused = api.post(base + "/ota", tenant.token(), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("code").asString()).isEqualTo("DEVICE_OFFLINE");
        assertThat(api.get(base + "/ota-attempts", tenant.token()).body().get("totalElements").asLong()).isZero();

        Api.Response queued = api.post(base + "/ota", tenant.token(), Map.of("whenOffline", "queue"));
        assertThat(queued.status()).isEqualTo(202);
        try (SimulatedDevice board = online(device)) {
            assertThat(board.nextCommand().get("payload").get("md5").asString()).isEqualTo(TestBinaries.md5(image));
        }
    }

    @Test
    void deploysAnAppVersionTheWayFirmwareIsDeployed() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String base = "/rest/v1/devices/" + device.get("id").asLong();
        long appId = api.post("/rest/v1/apps", tenant.token(), Map.of("name", "Irrigation")).body().get("id").asLong();
        byte[] binary = TestBinaries.image(12_000);
        JsonNode version = new Multipart().field("name", "Irrigation").field("version", "0.1.2")
                .file("file", "app.bin", "application/octet-stream", binary)
                .post(port, "/rest/v1/apps/" + appId + "/versions", tenant.token()).body();

        try (SimulatedDevice board = online(device)) {
            Api.Response noTarget = api.post(base + "/apps/ota", tenant.token(), null);
            assertThat(noTarget.status()).isEqualTo(409);
            assertThat(noTarget.body().get("code").asString()).isEqualTo("OTA_TARGET_MISSING");

            api.post(base + "/apps/set-target", tenant.token(), Map.of("appId", appId, "appVersionId", version.get("id").asLong()));
            assertThat(api.post(base + "/apps/ota", tenant.token(), null).status()).isEqualTo(202);
            JsonNode payload = board.nextCommand().get("payload");
            assertThat(payload.get("kind").asString()).isEqualTo("app");
            assertThat(payload.get("appId").asLong()).isEqualTo(appId);
            assertThat(payload.get("appVersionId").asLong()).isEqualTo(version.get("id").asLong());
            assertThat(payload.get("md5").asString()).isEqualTo(TestBinaries.md5(binary));

            board.publish("ota", "{\"status\": \"success\", \"md5\": \"" + TestBinaries.md5(binary) + "\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> attempt(tenant, device).get("status").asString().equals("SUCCEEDED"));
            JsonNode status = api.get(base + "/app-status", tenant.token()).body();
            assertThat(status.get("current").get("version").asString()).isEqualTo("0.1.2");
            assertThat(status.get("lastOtaAt").isNull()).isFalse();
        }
    }

    private JsonNode attempt(Fixtures.Tenant tenant, JsonNode device) {
        return api.get("/rest/v1/devices/" + device.get("id").asLong() + "/ota-attempts", tenant.token()).body()
                .get("content").get(0);
    }

    private SimulatedDevice online(JsonNode device) {
        return SimulatedDevice.connect(Mqtt.client(device.get("uid").asString(), device.get("token").asString()), device);
    }

    private JsonNode device(Fixtures.Tenant tenant) {
        String template = fixtures.template(tenant.token());
        return fixtures.device(tenant.token(), Map.of("name", "Board " + Fixtures.unique(), "templateId", template,
                "platform", "espressif32"));
    }
}
