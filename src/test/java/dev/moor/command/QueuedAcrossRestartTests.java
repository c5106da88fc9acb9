package dev.moor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.StandaloneMoor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A queued command is kept in PostgreSQL: it outlives the Moor that accepted it (each Moor a process of its own). */
class QueuedAcrossRestartTests {

    private static final String BOOTSTRAP = "--moor.bootstrap-token=" + MoorIntegrationTest.ADMIN_TOKEN;

    @Test
    void aQueuedCommandSurvivesARestartAndReachesTheDeviceWhenItConnects() throws InterruptedException {
        Path dataDir = MoorIntegrationTest.newDataDir();
        JsonNode device;
        Fixtures.Tenant tenant;
        String id;
        try (StandaloneMoor moor = StandaloneMoor.start(dataDir, BOOTSTRAP)) {
            Fixtures fixtures = new Fixtures(moor.api());
            tenant = fixtures.tenant();
            device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Cellar Probe");
            Api.Response queued = moor.api().post(commands(device), tenant.token(), Map.of("name", "sample_now",
                    "payload", Map.of("depth", 2), "whenOffline", "queue"));
            assertThat(queued.status()).as(queued.text()).isEqualTo(202);
            assertThat(queued.body().get("status").asString()).isEqualTo("QUEUED");
            id = queued.body().get("id").asString();
        }

        try (StandaloneMoor moor = StandaloneMoor.start(dataDir, BOOTSTRAP)) {
            Api api = moor.api();
            assertThat(api.get(commands(device) + "/" + id, tenant.token()).body().get("status").asString()).isEqualTo("QUEUED");
            try (SimulatedDevice board = SimulatedDevice.connect(MqttClient.builder().useMqttVersion5()
                    .identifier("restart-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(moor.mqttPort())
                    .simpleAuth().username(device.get("uid").asString())
                    .password(device.get("token").asString().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildBlocking(), device)) {
                JsonNode received = board.nextCommand();
                assertThat(received.get("id").asString()).isEqualTo(id);
                assertThat(received.get("payload").get("depth").asInt()).isEqualTo(2);
                await().atMost(Duration.ofSeconds(30)).until(() -> api.get(commands(device) + "/" + id, tenant.token())
                        .body().get("status").asString().equals("DELIVERED"));
            }
        }
    }

    private static String commands(JsonNode device) {
        return "/rest/v1/devices/" + device.get("id").asLong() + "/commands";
    }
}
