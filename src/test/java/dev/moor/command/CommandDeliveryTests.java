package dev.moor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Commands over the real broker, to devices on real MQTT connections. */
class CommandDeliveryTests extends MoorIntegrationTest {

    @Test
    void deliversACommandToAnOnlineDeviceAndRecordsItsAcknowledgement() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant, "north");
        try (SimulatedDevice board = online(device)) {
            Api.Response sent = api.post(commands(device), tenant.token(), Map.of("name", "relay_toggle",
                    "payload", Map.of("cmd", "relay_toggle", "channel", 1, "state", "on")));
            assertThat(sent.status()).as(sent.text()).isEqualTo(202);
            String id = sent.body().get("id").asString();
            assertThat(sent.body().get("status").asString()).isIn("SENT", "DELIVERED");

            JsonNode received = board.nextCommand();
            assertThat(received.get("id").asString()).isEqualTo(id);
            assertThat(received.get("name").asString()).isEqualTo("relay_toggle");
            assertThat(received.get("payload").get("state").asString()).isEqualTo("on");

            await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, device, id).equals("DELIVERED"));
            board.acknowledge(id, "{\"status\": \"ok\", \"result\": {\"relay\": \"on\"}}");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, device, id).equals("ACKNOWLEDGED"));

            JsonNode command = api.get(commands(device) + "/" + id, tenant.token()).body();
            assertThat(command.get("result").get("relay").asString()).isEqualTo("on");
            for (String field : List.of("createdAt", "sentAt", "deliveredAt", "acknowledgedAt", "expiresAt")) {
                assertThat(command.get(field).isNull()).as(field).isFalse();
            }
            JsonNode timeline = api.get("/rest/v1/devices/" + device.get("id").asLong() + "/timeline", tenant.token()).body();
            assertThat(timeline.get("content")).extracting(entry -> entry.get("type").asString())
                    .contains("COMMAND_SENT", "COMMAND_ACKNOWLEDGED");
        }
    }

    @Test
    void aDeviceAnsweringErrorFailsTheCommandWithItsResult() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant, "north");
        try (SimulatedDevice board = online(device)) {
            String id = api.post(commands(device), tenant.token(), Map.of("name", "calibrate", "payload", "full"))
                    .body().get("id").asString();
            assertThat(board.nextCommand().get("payload").asString()).isEqualTo("full");
            board.acknowledge(id, "{\"status\": \"error\", \"result\": \"sensor missing\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, device, id).equals("FAILED"));
            assertThat(api.get(commands(device) + "/" + id, tenant.token()).body().get("result").asString())
                    .isEqualTo("sensor missing");
        }
    }

    @Test
    void refusesACommandForAnOfflineDeviceByDefaultAndQueuesNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant, "north");

        Api.Response refused = api.post(commands(device), tenant.token(), Map.of("name", "reboot_now", "payload", Map.of()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("code").asString()).isEqualTo("DEVICE_OFFLINE");
        assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(api.post("/rest/v1/devices/" + device.get("id").asLong() + "/reboot", tenant.token(), Map.of()).status())
                .isEqualTo(409);
        assertThat(api.get(commands(device), tenant.token()).body().get("totalElements").asLong()).isZero();

        // Nothing waits for the device: when it connects, the first command it gets is a new one.
        try (SimulatedDevice board = online(device)) {
            api.post(commands(device), tenant.token(), Map.of("name", "hello", "payload", 1));
            assertThat(board.nextCommand().get("name").asString()).isEqualTo("hello");
        }
    }

    @Test
    void queuesACommandForAnOfflineDeviceAndDeliversItWhenTheDeviceConnects() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant, "north");
        Api.Response queued = api.post(commands(device), tenant.token(), Map.of("name", "set_interval",
                "payload", Map.of("seconds", 30), "whenOffline", "queue", "ttlSeconds", 600));
        assertThat(queued.status()).as(queued.text()).isEqualTo(202);
        assertThat(queued.body().get("status").asString()).isEqualTo("QUEUED");
        String id = queued.body().get("id").asString();

        try (SimulatedDevice board = online(device)) {
            JsonNode received = board.nextCommand();
            assertThat(received.get("id").asString()).isEqualTo(id);
            assertThat(received.get("payload").get("seconds").asInt()).isEqualTo(30);
            await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, device, id).equals("DELIVERED"));
        }
    }

    @Test
    void aQueuedCommandWhoseTimeRunsOutExpiresAndIsNeverDelivered() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant, "north");
        String id = api.post(commands(device), tenant.token(), Map.of("name", "too_late", "payload", "x",
                "whenOffline", "queue", "ttlSeconds", 1)).body().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, device, id).equals("EXPIRED"));
        assertThat(api.get(commands(device) + "/" + id, tenant.token()).body().get("sentAt").isNull()).isTrue();

        try (SimulatedDevice board = online(device)) {
            // Queued commands go out oldest first, so an expired one would arrive before this.
            String later = api.post(commands(device), tenant.token(), Map.of("name", "in_time", "payload", "y"))
                    .body().get("id").asString();
            assertThat(board.nextCommand().get("id").asString()).isEqualTo(later);
        }
        assertThat(status(tenant, device, id)).isEqualTo("EXPIRED");
    }

    @Test
    void sendsOneCommandToEveryDeviceWithATagWithoutWaitingForThem() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode first = device(tenant, "north");
        JsonNode second = device(tenant, "north");
        JsonNode sleeping = device(tenant, "north");
        JsonNode elsewhere = device(tenant, "south");
        try (SimulatedDevice one = online(first); SimulatedDevice two = online(second); SimulatedDevice other = online(elsewhere)) {
            Api.Response batch = api.post("/rest/v1/command-batches", tenant.token(), Map.of("name", "lights_off",
                    "payload", Map.of("level", 0), "deviceTags", List.of(Map.of("key", "zone", "value", "north")),
                    "whenOffline", "queue"));
            assertThat(batch.status()).as(batch.text()).isEqualTo(202);
            String batchId = batch.body().get("id").asString();

            assertThat(one.nextCommand().get("name").asString()).isEqualTo("lights_off");
            assertThat(two.nextCommand().get("payload").get("level").asInt()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/rest/v1/command-batches/" + batchId, tenant.token()).body().get("status").asString().equals("DONE"));
            JsonNode done = api.get("/rest/v1/command-batches/" + batchId, tenant.token()).body();
            assertThat(done.get("deviceCount").asInt()).isEqualTo(3);
            assertThat(api.get(commands(sleeping), tenant.token()).body().get("content").get(0).get("status").asString())
                    .isEqualTo("QUEUED");
            assertThat(api.get(commands(elsewhere), tenant.token()).body().get("totalElements").asLong()).isZero();
        }
    }

    @Test
    void listsADevicesCommandsNewestFirst() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant, "north");
        for (String name : List.of("first", "second", "third")) {
            assertThat(api.post(commands(device), tenant.token(), Map.of("name", name, "payload", name,
                    "whenOffline", "queue")).status()).isEqualTo(202);
        }
        JsonNode page = api.get(commands(device) + "?page=0&size=2", tenant.token()).body();
        assertThat(page.get("totalElements").asLong()).isEqualTo(3);
        assertThat(page.get("content")).extracting(command -> command.get("name").asString()).containsExactly("third", "second");
        assertThat(api.get(commands(device) + "?page=1&size=2", tenant.token()).body().get("content").get(0).get("name").asString())
                .isEqualTo("first");
    }

    private SimulatedDevice online(JsonNode device) {
        return SimulatedDevice.connect(Mqtt.client(device.get("uid").asString(), device.get("token").asString()), device);
    }

    private JsonNode device(Fixtures.Tenant tenant, String zone) {
        String template = fixtures.template(tenant.token());
        return fixtures.device(tenant.token(), Map.of("name", "Board " + Fixtures.unique(), "templateId", template,
                "tags", List.of(Map.of("key", "zone", "value", zone))));
    }

    private static String commands(JsonNode device) {
        return "/rest/v1/devices/" + device.get("id").asLong() + "/commands";
    }

    private String status(Fixtures.Tenant tenant, JsonNode device, String id) {
        return api.get(commands(device) + "/" + id, tenant.token()).body().get("status").asString();
    }
}
