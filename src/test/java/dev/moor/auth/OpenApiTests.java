package dev.moor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moor.support.Api;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;

class OpenApiTests extends MoorIntegrationTest {

    @Test
    void describesMoorsOwnApiInOpenApi31WithBearerAuthentication() {
        Api.Response document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("openapi").asString()).startsWith("3.1");
        assertThat(document.body().get("paths").propertyNames())
                .contains("/rest/v1/devices", "/rest/v1/devices/{id}", "/rest/v1/organizations", "/rest/v1/users",
                        "/rest/v1/tokens", "/rest/v1/tokens/{id}", "/rest/v1/templates", "/rest/v1/tags");
        assertThat(document.body().get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        // The caller comes from the Authorization header, never from a request parameter or body.
        assertThat(document.text()).doesNotContain("\"caller\"");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void healthIsUpWithoutAToken() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }
}
