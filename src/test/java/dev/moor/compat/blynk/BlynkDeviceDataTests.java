package dev.moor.compat.blynk;

import static dev.moor.compat.blynk.BlynkTestSupport.BASE;
import static dev.moor.compat.blynk.BlynkTestSupport.assertBlynkError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.moor.compat.blynk.BlynkTestSupport.Member;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Blynk endpoints over presence, telemetry and the timeline: online, details values, timeline, logs, clear, events. */
class BlynkDeviceDataTests extends MoorIntegrationTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    BlynkTestSupport blynk;
    Fixtures.Tenant tenant;
    String template;

    @BeforeEach
    void setUp() {
        blynk = new BlynkTestSupport(api, fixtures);
        tenant = fixtures.tenant();
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Api.Response created = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Thermo " + Fixtures.unique(),
                "datastreams", List.of(Map.of("name", "temperature", "type", "DOUBLE", "min", -40, "max", 85),
                        Map.of("name", "target", "type", "DOUBLE")),
                "events", List.of(Map.of("code", "high_temperature", "level", "WARNING"),
                        Map.of("code", "door_open", "level", "INFO"),
                        Map.of("code", "night_alarm", "level", "CRITICAL", "notificationSchedule",
                                Map.of("from", now.plusHours(2).format(HH_MM), "to", now.plusHours(3).format(HH_MM))))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        template = created.body().get("id").asString();
    }

    @Test
    void reportsWhetherTheDeviceIsConnected() {
        JsonNode device = blynk.core(tenant.token(), blynk.create(tenant.token(), template, "Online").get("id").asLong());
        long id = device.get("id").asLong();
        assertThat(api.get(BASE + "/device/online?deviceId=" + id, tenant.token()).body().get("connected").asBoolean()).isFalse();

        Mqtt5BlockingClient client = Mqtt.client(device.get("uid").asString(), device.get("token").asString());
        client.connect();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(BASE + "/device/online?deviceId=" + id, tenant.token()).body().get("connected").asBoolean());
        client.disconnect();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                !api.get(BASE + "/device/online?deviceId=" + id, tenant.token()).body().get("connected").asBoolean());

        Member stranger = blynk.member(tenant, "OWN_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/online?deviceId=" + id, stranger.token()), 404, "Device not found or access denied");
        assertBlynkError(api.get(BASE + "/device/online?deviceId=x", tenant.token()), 400, "invalid device ID");
    }

    @Test
    void detailsCarryTheCurrentDatastreamValues() throws Exception {
        JsonNode device = blynk.core(tenant.token(), blynk.create(tenant.token(), template, "Values").get("id").asLong());
        long id = device.get("id").asLong();
        assertThat(deviceHttp(device, "/device/v1/telemetry", "{\"temperature\": 21.5}").statusCode()).isEqualTo(204);
        assertThat(api.put("/rest/v1/devices/" + id + "/datastreams/target", tenant.token(), Map.of("value", 19)).status())
                .isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(BASE + "/device?deviceId=" + id, tenant.token()).body().get("dataStreamValues").size() == 2);
        JsonNode values = api.get(BASE + "/device?deviceId=" + id, tenant.token()).body().get("dataStreamValues");
        JsonNode temperature = values.valueStream().filter(v -> v.get("dataStreamLabel").asString().equals("temperature"))
                .findFirst().orElseThrow();
        assertThat(temperature.get("dataStreamId").asInt()).isEqualTo(1);
        assertThat(temperature.get("value").asDouble()).isEqualTo(21.5);
        assertThat(temperature.get("updatedAt").asLong()).isPositive();
        assertThat(api.get(BASE + "/device/baseInfo?deviceId=" + id, tenant.token()).body().has("dataStreamValues")).isFalse();
    }

    @Test
    void logsHoldOnlyUserWritesNewestFirst() throws Exception {
        Member writer = blynk.member(tenant, "ORG_DEVICES_VIEW", "ORG_DEVICES_CONTROL");
        JsonNode device = blynk.core(tenant.token(), blynk.create(tenant.token(), template, "Logged").get("id").asLong());
        long id = device.get("id").asLong();
        assertThat(api.put("/rest/v1/devices/" + id + "/datastreams/target", writer.token(), Map.of("value", 20)).status()).isEqualTo(200);
        assertThat(api.put("/rest/v1/devices/" + id + "/datastreams/target", tenant.token(), Map.of("value", 22)).status()).isEqualTo(200);
        assertThat(deviceHttp(device, "/device/v1/telemetry", "{\"temperature\": 30}").statusCode()).isEqualTo(204);

        Api.Response logs = api.get(BASE + "/device/logs?deviceId=" + id, tenant.token());
        assertThat(logs.status()).as(logs.text()).isEqualTo(200);
        assertThat(logs.body().get("totalElements").asLong()).isEqualTo(2);
        JsonNode newest = logs.body().get("content").get(0);
        assertThat(newest.get("value").asInt()).isEqualTo(22);
        assertThat(newest.get("pin").asString()).isEqualTo("target");
        assertThat(newest.get("pinType").asString()).isEqualTo("VIRTUAL");
        assertThat(newest.get("isOnline").asBoolean()).isFalse();
        assertThat(newest.get("createdAt").asLong()).isPositive();
        assertThat(logs.body().get("content").get(1).get("triggerUserEmail").asString()).isEqualTo(writer.email());
        assertThat(api.get(BASE + "/device/logs?deviceId=" + id + "&size=1&page=1", tenant.token()).body().get("content").get(0)
                .get("value").asInt()).isEqualTo(20);

        assertBlynkError(api.get(BASE + "/device/logs?deviceId=" + id, writer.token()), 403, "ORG_DEVICE_VIEW_ACTION_LOG");
        assertBlynkError(api.get(BASE + "/device/logs?deviceId=" + id + "&size=1001", tenant.token()), 400,
                "requested page size is too big");
    }

    @Test
    void triggersEventsOnTheTimelineMutedOutsideTheirSchedule() {
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW", "ORG_DEVICES_CONTROL", "VIEW_TIMELINE");
        long id = blynk.createOwned(tenant.token(), template, "Eventful", owner.id()).get("id").asLong();

        Api.Response triggered = api.post(BASE + "/device/trigger-event", owner.token(), Map.of("deviceId", id,
                "eventCode", "high_temperature", "eventDescription", "Temperature exceeded 22.0C threshold"));
        assertThat(triggered.status()).as(triggered.text()).isEqualTo(204);
        assertThat(api.post(BASE + "/device/trigger-event", owner.token(), Map.of("deviceId", id, "eventCode", "door_open")).status())
                .isEqualTo(204);
        assertThat(api.post(BASE + "/device/trigger-event", owner.token(), Map.of("deviceId", id, "eventCode", "night_alarm")).status())
                .isEqualTo(204);

        Api.Response timeline = api.get(BASE + "/device/timeline?deviceId=" + id, owner.token());
        assertThat(timeline.status()).as(timeline.text()).isEqualTo(200);
        List<String> types = timeline.body().get("content").valueStream().map(e -> e.get("eventType").asString()).toList();
        assertThat(types).startsWith("CRITICAL", "INFORMATION", "WARNING").contains("CREATED");
        JsonNode warning = timeline.body().get("content").get(2);
        assertThat(warning.get("eventCode").asString()).isEqualTo("high_temperature");
        assertThat(warning.get("description").asString()).isEqualTo("Temperature exceeded 22.0C threshold");
        assertThat(warning.get("orgId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(warning.get("isResolved").asBoolean()).isFalse();
        assertThat(warning.get("ts").asLong()).isPositive();

        Api.Response warnings = api.get(BASE + "/device/timeline?deviceId=" + id + "&eventType=WARNING", owner.token());
        assertThat(warnings.body().get("totalElements").asLong()).isEqualTo(1);
        assertThat(api.get(BASE + "/device/timeline?deviceId=" + id + "&eventType=CREATED", owner.token())
                .body().get("totalElements").asLong()).isEqualTo(1);
        assertBlynkError(api.get(BASE + "/device/timeline?deviceId=" + id + "&eventType=NONSENSE", owner.token()), 400, "eventType");

        // The event outside its notification schedule is recorded, muted.
        JsonNode core = api.get("/rest/v1/devices/" + id + "/timeline?eventType=EVENT", tenant.token()).body().get("content");
        assertThat(core.get(0).get("data").get("code").asString()).isEqualTo("night_alarm");
        assertThat(core.get(0).get("data").get("muted").asBoolean()).isTrue();
        assertThat(core.get(2).get("data").get("muted").asBoolean()).isFalse();
    }

    @Test
    void triggerEventAnswersItsDocumentedErrors() {
        long id = blynk.create(tenant.token(), template, "Strict").get("id").asLong();
        assertBlynkError(api.post(BASE + "/device/trigger-event", tenant.token(), Map.of("deviceId", id, "eventCode", "unknown")),
                404, "Event not found or access denied");
        assertBlynkError(api.post(BASE + "/device/trigger-event", tenant.token(), Map.of("deviceId", id)), 400, "eventCode");
        assertBlynkError(api.post(BASE + "/device/trigger-event", tenant.token(),
                Map.of("deviceId", id, "eventCode", "door_open", "eventDescription", "d".repeat(201))), 400, "200");
        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW", "VIEW_TIMELINE");
        assertBlynkError(api.post(BASE + "/device/trigger-event", viewer.token(), Map.of("deviceId", id, "eventCode", "door_open")),
                403, "ORG_DEVICES_CONTROL");
        Member other = blynk.member(tenant, "OWN_DEVICES_VIEW", "ORG_DEVICES_CONTROL");
        assertBlynkError(api.post(BASE + "/device/trigger-event", other.token(), Map.of("deviceId", id, "eventCode", "door_open")),
                404, "Device not found or access denied");
        assertThat(api.get(BASE + "/device/timeline?deviceId=" + id + "&eventType=INFORMATION", tenant.token())
                .body().get("totalElements").asLong()).isZero();

        for (int i = 0; i < 100; i++) {
            assertThat(api.post(BASE + "/device/trigger-event", tenant.token(), Map.of("deviceId", id, "eventCode", "door_open"))
                    .status()).isEqualTo(204);
        }
        Api.Response limited = api.post(BASE + "/device/trigger-event", tenant.token(), Map.of("deviceId", id, "eventCode", "door_open"));
        assertBlynkError(limited, 429, "events");
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(api.get(BASE + "/device/timeline?deviceId=" + id + "&eventType=INFORMATION", tenant.token())
                .body().get("totalElements").asLong()).isEqualTo(100);
        assertBlynkError(api.get(BASE + "/device/timeline?deviceId=" + id, viewer.token().replace("moor_", "moor_x")), 403, "not valid");
        Member noTimeline = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/timeline?deviceId=" + id, noTimeline.token()), 403, "VIEW_TIMELINE");
    }

    @Test
    void timelineRecordsOwnerChangesAndTransfers() {
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW");
        long id = blynk.create(tenant.token(), template, "Traveller").get("id").asLong();
        long sub = blynk.suborganization(tenant.organizationId());
        assertThat(api.post(BASE + "/device/transfer/to-owner", tenant.token(), Map.of("deviceId", id, "newOwnerUserId", owner.id()))
                .status()).isEqualTo(204);
        assertThat(api.post(BASE + "/device/transfer/to-organization", tenant.token(), Map.of("deviceId", id, "newOrgId", sub))
                .status()).isEqualTo(204);

        List<String> types = api.get(BASE + "/device/timeline?deviceId=" + id, tenant.token()).body().get("content").valueStream()
                .map(e -> e.get("eventType").asString()).toList();
        assertThat(types).containsSubsequence("OWNER_CHANGED", "TRANSFERRED", "OWNER_CHANGED", "CREATED");
        JsonNode transferred = api.get("/rest/v1/devices/" + id + "/timeline?eventType=TRANSFERRED", tenant.token())
                .body().get("content").get(0).get("data");
        assertThat(transferred.get("fromOrganizationId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(transferred.get("toOrganizationId").asLong()).isEqualTo(sub);
        assertThat(transferred.get("userId").asLong()).isEqualTo(tenant.adminUserId());
    }

    @Test
    void clearRemovesValuesHistoryLogsAndTimelineButKeepsTheDevice() throws Exception {
        JsonNode device = blynk.core(tenant.token(), blynk.create(tenant.token(), template, "Wiped").get("id").asLong());
        long id = device.get("id").asLong();
        assertThat(deviceHttp(device, "/device/v1/telemetry", "{\"temperature\": 25}").statusCode()).isEqualTo(204);
        assertThat(api.put("/rest/v1/devices/" + id + "/datastreams/target", tenant.token(), Map.of("value", 18)).status()).isEqualTo(200);
        assertThat(api.post(BASE + "/device/trigger-event", tenant.token(), Map.of("deviceId", id, "eventCode", "door_open")).status())
                .isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/rest/v1/devices/" + id + "/datastreams", tenant.token()).body().size() == 2);

        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.delete(BASE + "/device/clear?deviceId=" + id, viewer.token()), 403, "ORG_DEVICE_DATA_DELETE");
        assertThat(api.get("/rest/v1/devices/" + id + "/datastreams", tenant.token()).body().size()).isEqualTo(2);

        assertThat(api.delete(BASE + "/device/clear?deviceId=" + id, tenant.token()).status()).isEqualTo(204);
        assertThat(api.get("/rest/v1/devices/" + id + "/datastreams", tenant.token()).body().size()).isZero();
        assertThat(api.get("/rest/v1/devices/" + id + "/datastreams/temperature/history", tenant.token())
                .body().get("totalElements").asLong()).isZero();
        assertThat(api.get(BASE + "/device/logs?deviceId=" + id, tenant.token()).body().get("totalElements").asLong()).isZero();
        List<String> timeline = api.get(BASE + "/device/timeline?deviceId=" + id, tenant.token()).body().get("content")
                .valueStream().map(e -> e.get("eventType").asString()).toList();
        assertThat(timeline).containsExactly("DATA_CLEARED");
        assertThat(api.get(BASE + "/device?deviceId=" + id, tenant.token()).body().get("name").asString()).isEqualTo("Wiped");
        assertBlynkError(api.delete(BASE + "/device/clear?deviceId=" + (id + 1_000_000), tenant.token()), 404, "Device not found");
    }

    private HttpResponse<String> deviceHttp(JsonNode device, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + device.get("token").asString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
