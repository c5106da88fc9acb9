package dev.moor.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import dev.moor.command.SimulatedDevice;
import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.StandaloneMoor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** No device stays "updating" for ever: a Moor process of its own with a two-second OTA timeout. */
class OtaTimeoutTests {

    @Test
    void anAttemptWithoutProgressTimesOutIntoFailed() throws InterruptedException {
        try (StandaloneMoor moor = StandaloneMoor.start(MoorIntegrationTest.newDataDir(),
                "--moor.bootstrap-token=" + MoorIntegrationTest.ADMIN_TOKEN, "--moor.ota.timeout=2s")) {
            Api api = moor.api();
            Fixtures fixtures = new Fixtures(api);
            Fixtures.Tenant tenant = fixtures.tenant();
            JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Stalling Board");
            String base = "/rest/v1/devices/" + device.get("id").asLong();
            byte[] image = TestBinaries.image(5_000);
            assertThat(new Multipart().field("name", "Build").file("file", "f.bin", "application/octet-stream", image)
                    .post(moor.port(), base + "/firmwares", tenant.token()).status()).isEqualTo(201);
            api.post(base + "/firmwares/set-target", tenant.token(), Map.of("md5", TestBinaries.md5(image)));

            try (SimulatedDevice board = SimulatedDevice.connect(MqttClient.builder().useMqttVersion5()
                    .identifier("stall-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(moor.mqttPort())
                    .simpleAuth().username(device.get("uid").asString())
                    .password(device.get("token").asString().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildBlocking(), device)) {
                assertThat(api.post(base + "/ota", tenant.token(), null).status()).isEqualTo(202);
                board.nextCommand();
                board.publish("ota", "{\"status\": \"downloading\", \"progress\": 10}");
                await().atMost(Duration.ofSeconds(30)).until(() -> api.get(base + "/ota-attempts", tenant.token()).body()
                        .get("content").get(0).get("status").asString().equals("FAILED"));
                assertThat(api.get(base + "/ota-attempts", tenant.token()).body().get("content").get(0).get("error").asString())
                        .startsWith("Timed out");
                assertThat(api.get(base + "/firmware-status", tenant.token()).body().get("lastOtaAt").isNull()).isTrue();
            }
        }
    }
}
