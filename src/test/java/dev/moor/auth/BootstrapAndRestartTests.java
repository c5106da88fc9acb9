package dev.moor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.StandaloneMoor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** First start, restart (after SIGTERM and after kill -9) and the per-token rate limit, each on a Moor of its own. */
class BootstrapAndRestartTests {

    @Test
    void firstStartCreatesOneAdministratorAndARestartKeepsEverything() throws Exception {
        Path dataDir = MoorIntegrationTest.newDataDir();
        Path tokenFile = dataDir.resolve("bootstrap-token");
        String deviceUid;
        long deviceId;
        String adminToken;
        try (StandaloneMoor moor = StandaloneMoor.start(dataDir)) {
            assertThat(tokenFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            adminToken = Files.readString(tokenFile).strip();
            Api api = moor.api();

            JsonNode users = api.get("/rest/v1/users", adminToken).body();
            assertThat(users.get("totalElements").asLong()).isEqualTo(1);
            assertThat(users.get("content").get(0).get("permissions")).hasSize(Fixtures.allPermissions().size());

            long organization = api.post("/rest/v1/organizations", adminToken, Map.of("name", "Acme")).body().get("id").asLong();
            String template = api.post("/rest/v1/templates", adminToken, Map.of("name", "Sensor", "organizationId", organization))
                    .body().get("id").asString();
            JsonNode device = api.post("/rest/v1/devices", adminToken,
                    Map.of("name", "Greenhouse Probe", "templateId", template, "organizationId", organization)).body();
            deviceUid = device.get("uid").asString();
            deviceId = device.get("id").asLong();
        }

        StandaloneMoor killed = StandaloneMoor.start(dataDir);
        assertThat(killed.api().get("/rest/v1/devices/" + deviceId, adminToken).status()).isEqualTo(200);
        // kill -9 leaves the embedded PostgreSQL running and holding the data directory; the next start copes.
        killed.kill();

        try (StandaloneMoor moor = StandaloneMoor.start(dataDir)) {
            Api api = moor.api();
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(adminToken);
            assertThat(api.get("/rest/v1/users", adminToken).body().get("totalElements").asLong()).isEqualTo(1);
            JsonNode found = api.get("/rest/v1/devices?q=greenhouse&includeSubOrganizations=true", adminToken).body();
            assertThat(found.get("totalElements").asLong()).isEqualTo(1);
            assertThat(found.get("content").get(0).get("uid").asString()).isEqualTo(deviceUid);
            assertThat(api.get("/rest/v1/devices/" + deviceId, adminToken).status()).isEqualTo(200);
        }
    }

    @Test
    void theConfiguredBootstrapTokenIsTheAdministratorTokenAndEachTokenHasItsOwnRateLimit() throws Exception {
        Path dataDir = MoorIntegrationTest.newDataDir();
        String admin = "moor_configured_" + Fixtures.unique() + Fixtures.unique();
        try (StandaloneMoor moor = StandaloneMoor.start(dataDir, "--moor.bootstrap-token=" + admin,
                "--moor.api.rate-limit.requests=5", "--moor.api.rate-limit.period=1h")) {
            Api api = moor.api();
            assertThat(Files.readString(dataDir.resolve("bootstrap-token")).strip()).isEqualTo(admin);

            String limited = api.post("/rest/v1/tokens", admin, Map.of("name", "limited")).body().get("token").asString();

            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/rest/v1/devices", limited).status()).isEqualTo(200);
            }
            Api.Response over = api.get("/rest/v1/devices", limited);
            assertThat(over.status()).isEqualTo(429);
            assertThat(over.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(over.body().get("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(over.body().get("limit").asString()).isEqualTo("5 requests per 1h per API token");

            assertThat(api.get("/rest/v1/devices", admin).status()).isEqualTo(200);
        }
    }
}
