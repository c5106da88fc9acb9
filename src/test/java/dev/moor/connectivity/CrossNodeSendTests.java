package dev.moor.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import dev.moor.command.SimulatedDevice;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.StandaloneMoor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two Moor nodes (each a process of its own) share one PostgreSQL: a send made on one node reaches a device
 * connected to the other, through PostgreSQL alone.
 */
class CrossNodeSendTests {

    @Test
    void aCommandSentThroughOneNodeReachesADeviceConnectedToTheOther() throws IOException, InterruptedException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "--moor.secret-key=" + Base64.getEncoder().encodeToString(key);
        Path dataA = MoorIntegrationTest.newDataDir();
        try (StandaloneMoor nodeA = StandaloneMoor.start(dataA, secret,
                "--moor.bootstrap-token=" + MoorIntegrationTest.ADMIN_TOKEN)) {
            String postgresPort = Files.readAllLines(dataA.resolve("postgres").resolve("postmaster.pid")).get(3).strip();
            try (StandaloneMoor nodeB = StandaloneMoor.start(MoorIntegrationTest.newDataDir(), secret,
                    "--moor.database.url=jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                    "--moor.database.user=postgres")) {
                Fixtures fixtures = new Fixtures(nodeA.api());
                Fixtures.Tenant tenant = fixtures.tenant();
                JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Far Away Valve");
                Api api = nodeA.api();
                try (SimulatedDevice board = SimulatedDevice.connect(MqttClient.builder().useMqttVersion5()
                        .identifier("node-b-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(nodeB.mqttPort())
                        .simpleAuth().username(device.get("uid").asString())
                        .password(device.get("token").asString().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                        .buildBlocking(), device)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/rest/v1/devices/"
                            + device.get("id").asLong() + "/status", tenant.token()).body().get("connected").asBoolean());
                    String id = sendThroughA(api, tenant, device, Map.of("open", true));
                    JsonNode received = board.nextCommand();
                    assertThat(received.get("id").asString()).isEqualTo(id);
                    assertThat(received.get("payload").get("open").asBoolean()).isTrue();
                    await().atMost(Duration.ofSeconds(30)).until(() -> status(api, tenant, device, id).equals("DELIVERED"));
                    board.acknowledge(id, "{\"status\": \"ok\"}");
                    await().atMost(Duration.ofSeconds(30)).until(() -> status(api, tenant, device, id).equals("ACKNOWLEDGED"));

                    // Too large for a NOTIFY: the payload travels in a row that the holding node reads.
                    String large = "x".repeat(6000);
                    String largeId = sendThroughA(api, tenant, device, Map.of("blob", large));
                    assertThat(board.nextCommand().get("payload").get("blob").asString()).isEqualTo(large);
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> status(api, tenant, device, largeId).equals("DELIVERED"));
                }
            }
        }
    }

    private static String sendThroughA(Api api, Fixtures.Tenant tenant, JsonNode device, Map<String, Object> payload) {
        Api.Response sent = api.post(commands(device), tenant.token(), Map.of("name", "valve",
                "payload", payload, "whenOffline", "reject"));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        return sent.body().get("id").asString();
    }

    private static String status(Api api, Fixtures.Tenant tenant, JsonNode device, String id) {
        return api.get(commands(device) + "/" + id, tenant.token()).body().get("status").asString();
    }

    private static String commands(JsonNode device) {
        return "/rest/v1/devices/" + device.get("id").asLong() + "/commands";
    }
}
