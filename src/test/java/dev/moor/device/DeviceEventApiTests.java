package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.auth.TokenService;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Events raised on demand: template codes, the per-device limit and notification schedules. */
@RecordApplicationEvents
class DeviceEventApiTests extends MoorIntegrationTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Autowired
    ApplicationEvents events;

    @Autowired
    DeviceEventService eventService;

    @Autowired
    TokenService tokens;

    @Test
    void raisesEventsOfTheTemplateMutedOutsideTheirSchedule() {
        Fixtures.Tenant tenant = fixtures.tenant();
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        String template = template(tenant, List.of(
                Map.of("code", "high_temperature", "level", "WARNING"),
                Map.of("code", "night_only", "notificationSchedule",
                        Map.of("from", now.plusHours(2).format(HH_MM), "to", now.plusHours(3).format(HH_MM))),
                Map.of("code", "now_allowed", "notificationSchedule",
                        Map.of("from", now.minusHours(1).format(HH_MM), "to", now.plusHours(1).format(HH_MM)))));
        long id = fixtures.device(tenant.token(), template, "Eventful").get("id").asLong();

        Api.Response raised = api.post("/rest/v1/devices/" + id + "/events", tenant.token(),
                Map.of("code", "high_temperature", "description", "Temperature exceeded 22.0C threshold"));
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        assertThat(raised.body().get("level").asString()).isEqualTo("WARNING");
        assertThat(raised.body().get("muted").asBoolean()).isFalse();
        assertThat(raised.body().get("userId").asLong()).isEqualTo(tenant.adminUserId());
        assertThat(api.post("/rest/v1/devices/" + id + "/events", tenant.token(), Map.of("code", "night_only"))
                .body().get("muted").asBoolean()).isTrue();
        assertThat(api.post("/rest/v1/devices/" + id + "/events", tenant.token(), Map.of("code", "now_allowed"))
                .body().get("muted").asBoolean()).isFalse();

        // The same through the service, on this thread, to see what is published for the timeline.
        DeviceEventRaised published = eventService.trigger(tokens.authenticate(tenant.token()), new DeviceId(id), "night_only",
                Optional.of("late"));
        assertThat(events.stream(DeviceEventRaised.class).filter(event -> event.device().value() == id).toList())
                .containsExactly(published);
        assertThat(published.muted()).isTrue();
        assertThat(published.description()).contains("late");
    }

    @Test
    void refusesUnknownCodesMissingPermissionAndTooLongTexts() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = template(tenant, List.of(Map.of("code", "ping")));
        long id = fixtures.device(tenant.token(), template, "Quiet").get("id").asLong();

        Api.Response unknown = api.post("/rest/v1/devices/" + id + "/events", tenant.token(), Map.of("code", "pong"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asString()).isEqualTo("EVENT_NOT_FOUND");
        assertThat(api.post("/rest/v1/devices/" + id + "/events", tenant.token(), Map.of("code", "x".repeat(201))).status())
                .isEqualTo(400);
        assertThat(api.post("/rest/v1/devices/" + id + "/events", tenant.token(),
                Map.of("code", "ping", "description", "d".repeat(201))).status()).isEqualTo(400);
        long viewer = fixtures.user(tenant.token(), tenant.organizationId(), List.of("ORG_DEVICES_VIEW"));
        Api.Response denied = api.post("/rest/v1/devices/" + id + "/events", fixtures.token(tenant.token(), viewer), Map.of("code", "ping"));
        assertThat(denied.status()).isEqualTo(403);
        Fixtures.Tenant other = fixtures.tenant();
        assertThat(api.post("/rest/v1/devices/" + id + "/events", other.token(), Map.of("code", "ping")).status()).isEqualTo(404);
    }

    @Test
    void limitsEventsPerDevice() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String template = template(tenant, List.of(Map.of("code", "tick")));
        long busy = fixtures.device(tenant.token(), template, "Busy").get("id").asLong();
        long calm = fixtures.device(tenant.token(), template, "Calm").get("id").asLong();
        for (int i = 0; i < 100; i++) {
            assertThat(api.post("/rest/v1/devices/" + busy + "/events", tenant.token(), Map.of("code", "tick")).status()).isEqualTo(201);
        }
        Api.Response limited = api.post("/rest/v1/devices/" + busy + "/events", tenant.token(), Map.of("code", "tick"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(api.post("/rest/v1/devices/" + calm + "/events", tenant.token(), Map.of("code", "tick")).status()).isEqualTo(201);
    }

    private String template(Fixtures.Tenant tenant, List<Map<String, Object>> events) {
        Api.Response template = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Events " + Fixtures.unique(),
                "events", events));
        assertThat(template.status()).as(template.text()).isEqualTo(201);
        return template.body().get("id").asString();
    }
}
