package dev.moor.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The device side of firmware delivery, spoken as the stock ESP8266httpUpdate and ESP32 HTTPUpdate clients speak it. */
class OtaDownloadTests extends MoorIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Test
    void servesTheTargetToTheStockUpdaterAndAnswers304OnceItRunsIt() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        String token = device.get("token").asString();
        byte[] running = TestBinaries.image(50_000);
        byte[] image = TestBinaries.image(300_001);

        HttpResponse<byte[]> noTarget = get("/rest/v1/ota/firmware?token=" + token, esp8266(running));
        assertThat(noTarget.statusCode()).isEqualTo(304);

        upload(tenant, device, image);
        setTarget(tenant, device, image);

        HttpResponse<byte[]> update = get("/rest/v1/ota/firmware?token=" + token, esp8266(running));
        assertThat(update.statusCode()).isEqualTo(200);
        assertThat(update.body()).isEqualTo(image);
        assertThat(update.headers().firstValue("x-MD5")).hasValue(TestBinaries.md5(image));
        assertThat(update.headers().firstValueAsLong("Content-Length")).hasValue(image.length);
        assertThat(update.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        JsonNode before = status(tenant, device);
        assertThat(before.get("currentMd5").asString()).isEqualTo(TestBinaries.md5(running));
        assertThat(before.get("lastOtaAt").isNull()).isTrue();

        // After flashing, the device reboots and checks again with the new sketch's md5.
        HttpResponse<byte[]> upToDate = get("/rest/v1/ota/firmware?token=" + token, esp8266(image));
        assertThat(upToDate.statusCode()).isEqualTo(304);
        assertThat(upToDate.body()).isEmpty();

        JsonNode after = status(tenant, device);
        assertThat(after.get("current").get("md5").asString()).isEqualTo(TestBinaries.md5(image));
        assertThat(after.get("currentVersion").asString()).isEqualTo("2.1.0");
        assertThat(after.get("lastOtaAt").isNull()).isFalse();
        JsonNode listed = api.get("/rest/v1/devices/" + device.get("id").asLong() + "/firmwares", tenant.token()).body();
        assertThat(listed.get(0).get("isCurrent").asBoolean()).isTrue();
        assertThat(listed.get(0).get("isTarget").asBoolean()).isTrue();
    }

    @Test
    void honoursTheEsp32HeadersBasicAuthAndAsksForSketchesOnly() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        byte[] image = TestBinaries.image(70_000);
        upload(tenant, device, image);
        setTarget(tenant, device, image);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("device:" + device.get("token").asString())
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> sketch = get("/rest/v1/ota/firmware", "Authorization", basic, "User-Agent", "ESP32-http-Update",
                "x-ESP32-mode", "sketch", "x-ESP32-sketch-md5", TestBinaries.md5(new byte[] {1}));
        assertThat(sketch.statusCode()).isEqualTo(200);
        assertThat(sketch.body()).isEqualTo(image);

        HttpResponse<byte[]> filesystem = get("/rest/v1/ota/firmware", "Authorization", basic, "x-ESP32-mode", "spiffs");
        assertThat(filesystem.statusCode()).isEqualTo(304);

        HttpResponse<byte[]> same = get("/rest/v1/ota/firmware", "Authorization", basic,
                "x-ESP32-sketch-md5", TestBinaries.md5(image).toUpperCase());
        assertThat(same.statusCode()).isEqualTo(304);
    }

    @Test
    void resumesAnInterruptedDownloadWithRange() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        byte[] image = TestBinaries.image(1_000_000);
        upload(tenant, device, image);
        String path = "/rest/v1/ota/files/" + TestBinaries.md5(image) + "?token=" + device.get("token").asString();

        HttpResponse<byte[]> head = get(path, "Range", "bytes=0-399999");
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-399999/1000000");
        assertThat(head.headers().firstValue("x-MD5")).hasValue(TestBinaries.md5(image));
        String etag = head.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> rest = get(path, "Range", "bytes=400000-", "If-Range", etag);
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes 400000-999999/1000000");
        assertThat(rest.headers().firstValueAsLong("Content-Length")).hasValue(600_000);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(head.body());
        joined.writeBytes(rest.body());
        assertThat(TestBinaries.md5(joined.toByteArray())).isEqualTo(TestBinaries.md5(image));

        HttpResponse<byte[]> tail = get(path, "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(image, image.length - 10, image.length));

        HttpResponse<byte[]> changed = get(path, "Range", "bytes=400000-", "If-Range", "\"something-else\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(image);

        HttpResponse<byte[]> pastTheEnd = get(path, "Range", "bytes=1000000-");
        assertThat(pastTheEnd.statusCode()).isEqualTo(416);
        assertThat(pastTheEnd.headers().firstValue("Content-Range")).hasValue("bytes */1000000");
    }

    @Test
    void refusesUnknownTokensAndOtherOrganizationsFiles() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        byte[] image = TestBinaries.image(5_000);
        upload(tenant, device, image);
        String md5 = TestBinaries.md5(image);

        assertThat(get("/rest/v1/ota/files/" + md5).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> badToken = get("/rest/v1/ota/files/" + md5 + "?token=not-a-device-token");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(new String(badToken.body(), StandardCharsets.UTF_8)).contains("UNAUTHENTICATED");

        Fixtures.Tenant stranger = fixtures.tenant();
        JsonNode theirDevice = device(stranger);
        assertThat(get("/rest/v1/ota/files/" + md5 + "?token=" + theirDevice.get("token").asString()).statusCode()).isEqualTo(404);
        assertThat(get("/rest/v1/ota/files/" + md5, "Authorization", "Bearer " + device.get("token").asString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void neverServesAFileWhoseStoredBytesNoLongerMatchTheirChecksums() {
        Fixtures.Tenant tenant = fixtures.tenant();
        JsonNode device = device(tenant);
        byte[] image = TestBinaries.image(20_000);
        long firmwareId = upload(tenant, device, image);
        jdbc.sql("update firmwares set content = overlay(content placing '\\x00'::bytea from 100 for 1) where id = :id")
                .param("id", firmwareId).update();

        HttpResponse<byte[]> download = get("/rest/v1/ota/files/" + TestBinaries.md5(image) + "?token=" + device.get("token").asString());
        assertThat(download.statusCode()).isEqualTo(500);
        String body = new String(download.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("FIRMWARE_CHECKSUM_MISMATCH").doesNotContain("Exception");
    }

    private JsonNode device(Fixtures.Tenant tenant) {
        String template = fixtures.template(tenant.token());
        return fixtures.device(tenant.token(), Map.of("name", "Board " + Fixtures.unique(), "templateId", template,
                "platform", "espressif8266"));
    }

    private long upload(Fixtures.Tenant tenant, JsonNode device, byte[] image) {
        Api.Response uploaded = new Multipart().field("name", "Build").field("version", "2.1.0")
                .file("file", "firmware.bin", "application/octet-stream", image)
                .post(port, "/rest/v1/devices/" + device.get("id").asLong() + "/firmwares", tenant.token());
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        return uploaded.body().get("id").asLong();
    }

    private void setTarget(Fixtures.Tenant tenant, JsonNode device, byte[] image) {
        Api.Response target = api.post("/rest/v1/devices/" + device.get("id").asLong() + "/firmwares/set-target",
                tenant.token(), Map.of("md5", TestBinaries.md5(image)));
        assertThat(target.status()).as(target.text()).isEqualTo(200);
    }

    private JsonNode status(Fixtures.Tenant tenant, JsonNode device) {
        return api.get("/rest/v1/devices/" + device.get("id").asLong() + "/firmware-status", tenant.token()).body();
    }

    /** The headers ESP8266httpUpdate sends for a sketch update (esp8266/Arduino ESP8266httpUpdate.cpp). */
    private static String[] esp8266(byte[] runningSketch) {
        return new String[] {"User-Agent", "ESP8266-http-Update", "x-ESP8266-STA-MAC", "18:FE:34:00:00:01",
                "x-ESP8266-AP-MAC", "1A:FE:34:00:00:01", "x-ESP8266-free-space", "2000000",
                "x-ESP8266-sketch-size", Integer.toString(runningSketch.length),
                "x-ESP8266-sketch-md5", TestBinaries.md5(runningSketch), "x-ESP8266-chip-size", "4194304",
                "x-ESP8266-sdk-version", "2.2.2-dev(38a443e)", "x-ESP8266-mode", "sketch"};
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
