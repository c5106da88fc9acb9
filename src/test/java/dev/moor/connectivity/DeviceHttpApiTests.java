package dev.moor.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Devices that cannot hold a connection send the same messages over HTTP with their token. */
class DeviceHttpApiTests extends MoorIntegrationTest {

    @Test
    void aDeviceSendsTelemetryInfoAndEventsOverHttp() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Http Device");
        String token = device.get("token").asString();
        String path = "/rest/v1/devices/" + device.get("id").asLong();

        Api.Response telemetry = api.post("/device/v1/telemetry", token, Map.of("temperature", 18.5, "humidity", 33));
        assertThat(telemetry.status()).as(telemetry.text()).isEqualTo(204);
        assertThat(api.send("POST", "/device/v1/telemetry/label", token, "on the roof", "text/plain").status()).isEqualTo(204);
        assertThat(api.post("/device/v1/info", token, Map.of("firmwareVersion", "2.0.0", "rssi", -70)).status()).isEqualTo(204);
        assertThat(api.post("/device/v1/events", token, Map.of("code", "low_battery", "description", "3.1 V")).status())
                .isEqualTo(204);

        JsonNode latest = api.get(path + "/datastreams", tenant.token()).body();
        assertThat(latest.findValuesAsString("name")).containsExactly("humidity", "label", "temperature");
        assertThat(latest.get(1).get("value").asString()).isEqualTo("on the roof");
        assertThat(api.get(path + "/status", tenant.token()).body().get("rssi").asInt()).isEqualTo(-70);
        assertThat(api.get(path + "/timeline?eventType=EVENT", tenant.token()).body().get("content").get(0)
                .get("data").get("code").asString()).isEqualTo("low_battery");
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Http Device");
        String token = device.get("token").asString();
        String path = "/rest/v1/devices/" + device.get("id").asLong();

        assertThat(api.post("/device/v1/telemetry", null, Map.of("temperature", 1)).status()).isEqualTo(401);
        assertThat(api.post("/device/v1/telemetry", "wrong-token", Map.of("temperature", 1)).status()).isEqualTo(401);
        // An API token is not a device token.
        assertThat(api.post("/device/v1/telemetry", tenant.token(), Map.of("temperature", 1)).status()).isEqualTo(401);
        Api.Response notJson = api.post("/device/v1/telemetry", token, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("reason").asString()).isEqualTo("NOT_JSON");
        assertThat(api.post("/device/v1/telemetry", token, Map.of("humidity", "wet")).body().get("reason").asString())
                .isEqualTo("WRONG_TYPE");
        assertThat(api.post("/device/v1/telemetry", token, Map.of("humidity", 101)).body().get("reason").asString())
                .isEqualTo("OUT_OF_RANGE");
        assertThat(api.post("/device/v1/telemetry", token, Map.of("nope", 1)).body().get("reason").asString())
                .isEqualTo("UNKNOWN_DATASTREAM");
        Api.Response tooLarge = api.post("/device/v1/telemetry", token, Map.of("label", "x".repeat(70_000)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(api.post("/device/v1/events", token, Map.of("description", "no code")).status()).isEqualTo(400);

        assertThat(api.get(path + "/datastreams", tenant.token()).body().size()).isZero();
        assertThat(api.get(path + "/timeline?eventType=EVENT", tenant.token()).body().get("totalElements").asLong()).isZero();
        // Activity counters reach the database on the next flush, so wait for it rather than read at once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode rejected = api.get(path + "/stats", tenant.token()).body().get("rejected");
            assertThat(rejected.get("NOT_JSON").asLong()).isEqualTo(2);
            assertThat(rejected.get("PAYLOAD_TOO_LARGE").asLong()).isEqualTo(1);
        });
    }
}
