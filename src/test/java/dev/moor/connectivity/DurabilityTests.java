package dev.moor.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.zaxxer.hikari.HikariDataSource;
import dev.moor.support.Fixtures;
import dev.moor.support.Mqtt;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A PUBACK means stored: with the database unreachable no PUBACK comes, and nothing is lost once it is back. */
class DurabilityTests extends MoorIntegrationTest {

    @Autowired
    HikariDataSource dataSource;

    @Test
    void noPubackWhileTheDatabaseIsUnreachableAndNothingLostAfter() throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = fixtures.device(tenant.token(), fixtures.template(tenant.token()), "Durable Device");
        String uid = device.get("uid").asString();
        String path = "/rest/v1/devices/" + device.get("id").asLong();
        Mqtt5BlockingClient client = Mqtt.client(uid, device.get("token").asString());
        client.connect();

        List<CompletableFuture<Mqtt5PublishResult>> pubacks = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(
                dataSource.getJdbcUrl().replaceFirst("/postgres(\\?|$)", "/template1$1"), "postgres", null)) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("alter database postgres with allow_connections false");
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where datname = 'postgres' and pid <> pg_backend_pid()");
            }
            try {
                for (int i = 1; i <= 5; i++) {
                    pubacks.add(client.toAsync().publishWith().topic("devices/" + uid + "/telemetry")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(("{\"humidity\": " + i + "}").getBytes(StandardCharsets.UTF_8)).send());
                }
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> pubacks.stream().noneMatch(CompletableFuture::isDone));
            } finally {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("alter database postgres with allow_connections true");
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> pubacks.stream().allMatch(CompletableFuture::isDone));
        assertThat(pubacks).allSatisfy(puback -> assertThat(puback).isCompletedWithValueMatching(
                result -> ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode().isError() == false));
        JsonNode history = api.get(path + "/datastreams/humidity/history", tenant.token()).body();
        assertThat(history.get("totalElements").asLong()).isEqualTo(5);
        assertThat(history.get("content").findValuesAsString("value")).isNotNull();
        assertThat(api.get(path + "/datastreams", tenant.token()).body().get(0).get("value").asInt()).isEqualTo(5);
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }
}
