package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;

class DeviceNameGlobAndDefaultTemplateTests extends MoorIntegrationTest {

    @Test
    void aDeviceWithoutTemplateGetsTheOrganizationsDefaultTemplate() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String first = fixtures.device(tenant.token(), Map.of("name", "No Template")).get("templateId").asString();
        String second = fixtures.device(tenant.token(), Map.of("name", "Nor This")).get("templateId").asString();

        assertThat(second).isEqualTo(first);
        Api.Response template = api.get("/rest/v1/templates/" + first, tenant.token());
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.body().get("name").asString()).isEqualTo("Default");
        Fixtures.Tenant other = fixtures.tenant();
        assertThat(fixtures.device(other.token(), Map.of("name", "Elsewhere")).get("templateId").asString()).isNotEqualTo(first);
    }

    @Test
    void searchesNamesByGlob() {
        Fixtures.Tenant tenant = fixtures.tenant();
        for (String name : List.of("pump 1", "pump 22", "Pump_3", "valve 1")) {
            fixtures.device(tenant.token(), Map.of("name", name));
        }
        assertThat(names(tenant.token(), "pump*")).containsExactlyInAnyOrder("pump 1", "pump 22", "Pump_3");
        assertThat(names(tenant.token(), "pump ?")).containsExactly("pump 1");
        assertThat(names(tenant.token(), "*1")).containsExactlyInAnyOrder("pump 1", "valve 1");
        assertThat(names(tenant.token(), "pump_*")).as("'_' is literal, not LIKE's wildcard").containsExactly("Pump_3");
        assertThat(names(tenant.token(), "pump")).isEmpty();
    }

    private List<String> names(String token, String glob) {
        Api.Response response = api.get("/rest/v1/devices?sort=name&name="
                + java.net.URLEncoder.encode(glob, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), token);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return StreamSupport.stream(response.body().get("content").spliterator(), false)
                .map(device -> device.get("name").asString()).toList();
    }
}
