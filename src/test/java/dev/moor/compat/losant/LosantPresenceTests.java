package dev.moor.compat.losant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.Mqtt;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** connectionInfo and the connection log follow a real MQTT device's presence. */
class LosantPresenceTests extends MoorIntegrationTest {

    @Test
    void connectionInfoAndTheLogFollowTheDevicesConnections() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        String id = losant.createDevice("Wired Sensor", Map.of("room", "lab"), "standalone").get("id").asString();
        JsonNode registry = api.get("/rest/v1/devices/" + Long.parseLong(id, 16), losant.token()).body();
        assertThat(api.get(losant.device(id) + "/logs", losant.token()).body()).isEmpty();

        Mqtt5BlockingClient client = Mqtt.client("losant-" + Fixtures.unique(), registry.get("uid").asString(),
                registry.get("token").asString());
        client.connect();
        await().atMost(Duration.ofSeconds(30)).until(() -> connected(losant, id) == 1);
        JsonNode online = api.get(losant.device(id), losant.token()).body().get("connectionInfo");
        Instant connectedAt = Instant.parse(online.get("time").asString());
        assertThat(api.get(losant.devices() + "?tagFilter[0][key]=room", losant.token()).body()
                .get("items").get(0).get("connectionInfo").get("connected").asInt()).isEqualTo(1);

        client.disconnect();
        await().atMost(Duration.ofSeconds(30)).until(() -> connected(losant, id) == 0);
        JsonNode offline = api.get(losant.device(id), losant.token()).body().get("connectionInfo");
        assertThat(Instant.parse(offline.get("time").asString())).isAfterOrEqualTo(connectedAt);

        Api.Response last = api.get(losant.device(id) + "/logs", losant.token());
        assertThat(last.status()).as(last.text()).isEqualTo(200);
        assertThat(last.body()).hasSize(1);
        assertThat(last.body().get(0).get("connected").asInt()).isZero();
        assertThat(last.body().get(0).get("disconnectReason").asString()).isEqualTo("CLIENT_DISCONNECT");

        JsonNode both = api.get(losant.device(id) + "/logs?limit=10&sortDirection=asc", losant.token()).body();
        assertThat(both).hasSize(2);
        assertThat(both.get(0).get("connected").asInt()).isEqualTo(1);
        assertThat(both.get(0).get("time").asString()).isEqualTo(online.get("time").asString());
        assertThat(both.get(1).get("connected").asInt()).isZero();
        long after = Instant.parse(both.get(1).get("time").asString()).toEpochMilli() + 1;
        assertThat(api.get(losant.device(id) + "/logs?limit=10&since=" + after, losant.token()).body()).isEmpty();

        assertThat(api.get(losant.device(id) + "/logs?limit=0", losant.token()).status()).isEqualTo(400);
        assertThat(api.get(losant.device(id) + "/logs?sortDirection=sideways", losant.token()).status()).isEqualTo(400);
        String stateOnly = losant.scopedToken(fixtures, "device.getState");
        assertThat(api.get(losant.device(id) + "/logs", stateOnly).status()).isEqualTo(403);
        assertThat(api.get(losant.device(id) + "/logs", losant.scopedToken(fixtures, "device.getLogEntries")).status())
                .isEqualTo(200);
    }

    private int connected(LosantTenant losant, String id) {
        return api.get(losant.device(id), losant.token()).body().get("connectionInfo").get("connected").asInt();
    }
}
