package dev.moor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimulatorTests extends MoorIntegrationTest {

    @Test
    void simulatedDevicesConnectWithRealTokensAndSendTelemetryAndInfo() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        String prefix = "sim" + Fixtures.unique().replaceAll("[^a-z0-9]", "");
        Simulator.runFor(new Simulator.Options(3, 5, "http://127.0.0.1:" + port, tenant.token(), "127.0.0.1", MQTT_PORT,
                3, prefix));

        JsonNode devices = api.get("/rest/v1/devices?q=" + prefix + "-&sort=name", tenant.token()).body();
        assertThat(devices.get("totalElements").asLong()).isEqualTo(3);
        for (JsonNode device : devices.get("content")) {
            String path = "/rest/v1/devices/" + device.get("id").asLong();
            JsonNode latest = api.get(path + "/datastreams", tenant.token()).body();
            assertThat(latest.findValuesAsString("name")).containsExactly("battery", "humidity", "temperature");
            assertThat(api.get(path + "/datastreams/temperature/history", tenant.token()).body().get("totalElements").asLong())
                    .isGreaterThan(5);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode status = api.get(path + "/status", tenant.token()).body();
                assertThat(status.get("connected").asBoolean()).isFalse();
                assertThat(status.get("info").get("platform").asString()).isEqualTo("simulator");
                assertThat(status.get("rssi").isNumber()).isTrue();
            });
        }
        // A second run reuses the same devices.
        Simulator.runFor(new Simulator.Options(3, 1, "http://127.0.0.1:" + port, tenant.token(), "127.0.0.1", MQTT_PORT,
                1, prefix));
        assertThat(api.get("/rest/v1/devices?q=" + prefix + "-", tenant.token()).body().get("totalElements").asLong()).isEqualTo(3);
    }
}
