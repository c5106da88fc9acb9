package dev.moor.compat.losant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** device.md "Send State" and "Get State", backed by datastream values. */
class LosantDeviceStateTests extends MoorIntegrationTest {

    @Test
    void sentStatesReadBackAsStatesAndAsDatastreamValues() {
        LosantTenant losant = LosantTenant.create(api, fixtures);
        Api.Response created = api.post(losant.devices(), losant.token(), Map.of("name", "Thermostat",
                "attributes", List.of(Map.of("name", "temperature", "dataType", "number"),
                        Map.of("name", "mode", "dataType", "string"), Map.of("name", "heating", "dataType", "boolean"))));
        String id = created.body().get("id").asString();
        String state = losant.device(id) + "/state";
        assertThat(api.get(state, losant.token()).body()).isEmpty();

        Api.Response sent = api.post(state, losant.token(), Map.of("data", Map.of("temperature", 21.5, "mode", "eco",
                "heating", true)));
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.body().get("success").asBoolean()).isTrue();
        assertThat(api.post(state, losant.token(), List.of(Map.of("data", Map.of("temperature", 22)))).status()).isEqualTo(200);

        JsonNode last = api.get(state, losant.token()).body();
        assertThat(last).hasSize(1);
        assertThat(last.get(0).get("data").get("temperature").asInt()).isEqualTo(22);
        assertThat(last.get(0).get("data").has("mode")).isFalse();
        assertThat(last.get(0).get("time").asString()).matches("\\d{4}-.*\\.\\d{3}Z");

        JsonNode both = api.get(state + "?limit=5&sortDirection=asc", losant.token()).body();
        assertThat(both).hasSize(2);
        assertThat(both.get(0).get("data").get("temperature").asDouble()).isEqualTo(21.5);
        assertThat(both.get(0).get("data").get("mode").asString()).isEqualTo("eco");
        assertThat(both.get(0).get("data").get("heating").asBoolean()).isTrue();

        // The same values in Moor's own API.
        JsonNode latest = api.get("/rest/v1/devices/" + Long.parseLong(id, 16) + "/datastreams", losant.token()).body();
        assertThat(latest.toString()).contains("temperature").contains("eco");

        assertThat(api.post(state, losant.token(), Map.of("data", Map.of("pressure", 1013))).status()).isEqualTo(400);
        assertThat(api.post(state, losant.token(), Map.of("data", Map.of("temperature", 30, "mode", List.of(1)))).status())
                .isEqualTo(400);
        assertThat(api.post(state, losant.token(), Map.of("data", Map.of())).status()).isEqualTo(400);
        assertThat(api.post(state, losant.token(), Map.of("value", 1)).status()).isEqualTo(400);
        assertThat(api.get(state + "?limit=abc", losant.token()).status()).isEqualTo(400);
        assertThat(api.get(state + "?limit=10", losant.token()).body()).as("nothing was stored by the refused states").hasSize(2);

        String reader = losant.scopedToken(fixtures, "device.getState");
        assertThat(api.get(state, reader).status()).isEqualTo(200);
        assertThat(api.post(state, reader, Map.of("data", Map.of("temperature", 1))).status()).isEqualTo(403);
        assertThat(api.post(state, losant.scopedToken(fixtures, "device.sendState"), Map.of("data", Map.of("temperature", 23)))
                .status()).isEqualTo(200);
    }
}
