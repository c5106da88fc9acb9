package dev.moor.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.Mqtt;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * After Moor is killed (no chance to record anything) and started again, every device is offline until it
 * reconnects. Runs Moor as a separate process, so that it can really be killed.
 */
class RestartTests {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    @Test
    void afterAKillAndRestartNoDeviceIsLeftOnline() throws Exception {
        Path dataDir = MoorIntegrationTest.newDataDir();
        int http = MoorIntegrationTest.freePort();
        int mqtt = MoorIntegrationTest.freePort();
        Api api = new Api(http);
        Process first = start(dataDir, http, mqtt);
        Process second = null;
        try {
            awaitUp(api, first);
            Fixtures fixtures = new Fixtures(api);
            Fixtures.Tenant tenant = fixtures.tenant();
            JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Restarted Device");
            String path = "/rest/v1/devices/" + device.get("id").asLong() + "/status";
            Mqtt5BlockingClient client = Mqtt.client(mqtt, "restart-" + Fixtures.unique(), device.get("uid").asString(),
                    device.get("token").asString());
            client.connect();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(path, tenant.token()).body().get("connected").asBoolean());

            // kill -9: no shutdown hook, no DISCONNECT, nothing recorded.
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

            second = start(dataDir, http, mqtt);
            awaitUp(api, second);
            JsonNode status = api.get(path, tenant.token()).body();
            assertThat(status.get("connected").asBoolean()).isFalse();
            assertThat(status.get("disconnectReason").asString()).isEqualTo("SERVER_RESTART");
            JsonNode offline = api.get("/rest/v1/devices/" + device.get("id").asLong() + "/timeline?eventType=OFFLINE",
                    tenant.token()).body();
            assertThat(offline.get("content").get(0).get("data").get("reason").asString()).isEqualTo("SERVER_RESTART");
            assertThat(api.get("/rest/v1/devices/" + device.get("id").asLong(), tenant.token()).body()
                    .get("status").asString()).isEqualTo("offline");

            Mqtt5BlockingClient again = Mqtt.client(mqtt, "restart-again", device.get("uid").asString(),
                    device.get("token").asString());
            again.connect();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(path, tenant.token()).body().get("connected").asBoolean());
            again.disconnect();
        } finally {
            stop(first);
            stop(second);
        }
    }

    /** In its own Moor (the shared one lifts the limit for the whole suite, whose clients share one address). */
    @Test
    void connectionAttemptsAreLimitedPerClientAddress() throws Exception {
        Path dataDir = MoorIntegrationTest.newDataDir();
        int http = MoorIntegrationTest.freePort();
        int mqtt = MoorIntegrationTest.freePort();
        Process moor = start(dataDir, http, mqtt, "--moor.mqtt.connect-rate=5");
        try {
            awaitUp(new Api(http), moor);
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(Mqtt.client(mqtt, "limited-" + i, "device", "wrong-token")::connect)
                        .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
            }
            assertThatThrownBy(Mqtt.client(mqtt, "limited-6", "device", "wrong-token")::connect)
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED));
        } finally {
            stop(moor);
        }
    }

    private static Process start(Path dataDir, int http, int mqtt, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.moor.MoorApplication", "--moor.data-dir=" + dataDir, "--server.port=" + http,
                "--moor.mqtt.port=" + mqtt, "--moor.mqtt.tls-port=0", "--moor.bootstrap-token=" + MoorIntegrationTest.ADMIN_TOKEN));
        command.addAll(List.of(extra));
        File log = dataDir.resolve("moor-" + System.nanoTime() + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void awaitUp(Api api, Process process) {
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("Moor exited").isTrue();
            return api.get("/actuator/health", null).status() == 200;
        });
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
