package dev.moor.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.moor.shared.DomainException;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotificationScheduleTests extends MoorIntegrationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void allowsOnlyInsideTheWindowOnTheGivenDays() {
        NotificationSchedule office = new NotificationSchedule(BERLIN, Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY),
                LocalTime.of(8, 0), LocalTime.of(18, 0));
        // 2026-11-23 is a Monday; Berlin is UTC+1 in November.
        assertThat(office.allows(Instant.parse("2026-11-23T07:00:00Z"))).isTrue();
        assertThat(office.allows(Instant.parse("2026-11-23T06:59:59Z"))).isFalse();
        assertThat(office.allows(Instant.parse("2026-11-23T17:00:00Z"))).isFalse();
        assertThat(office.allows(Instant.parse("2026-11-25T10:00:00Z"))).isFalse();
    }

    @Test
    void aWindowOverMidnightBelongsToTheDayItStartsOn() {
        NotificationSchedule night = new NotificationSchedule(ZoneId.of("UTC"), Set.of(DayOfWeek.FRIDAY),
                LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(night.allows(Instant.parse("2026-11-27T23:00:00Z"))).isTrue();  // Friday night
        assertThat(night.allows(Instant.parse("2026-11-28T05:59:00Z"))).isTrue();  // Saturday morning
        assertThat(night.allows(Instant.parse("2026-11-28T23:00:00Z"))).isFalse(); // Saturday night
        assertThat(night.allows(Instant.parse("2026-11-27T05:00:00Z"))).isFalse(); // Friday morning: Thursday's window
    }

    @Test
    void defaultsToEveryDayInUtcAndRefusesAnEmptyWindow() {
        NotificationSchedule schedule = new NotificationSchedule(null, null, LocalTime.of(9, 0), LocalTime.of(10, 0));
        assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(schedule.days()).hasSize(7);
        assertThatThrownBy(() -> new NotificationSchedule(null, null, LocalTime.NOON, LocalTime.NOON)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new NotificationSchedule(null, null, null, LocalTime.NOON)).isInstanceOf(DomainException.class);
    }

    @Test
    void templatesKeepTheScheduleOfTheirEvents() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Api.Response created = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Scheduled",
                "events", List.of(Map.of("code", "high_temperature", "level", "WARNING", "notificationSchedule",
                        Map.of("timeZone", "Europe/Berlin", "days", List.of("MONDAY", "FRIDAY"), "from", "08:00", "to", "18:30")),
                        Map.of("code", "always"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode read = api.get("/rest/v1/templates/" + created.body().get("id").asString(), tenant.token()).body();
        JsonNode schedule = read.get("events").get(0).get("notificationSchedule");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(schedule.get("days").valueStream().map(JsonNode::asString).toList()).containsExactlyInAnyOrder("MONDAY", "FRIDAY");
        assertThat(schedule.get("from").asString()).startsWith("08:00");
        assertThat(schedule.get("to").asString()).startsWith("18:30");
        assertThat(read.get("events").get(1).get("notificationSchedule").isNull()).isTrue();

        Api.Response empty = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Broken",
                "events", List.of(Map.of("code", "x", "notificationSchedule", Map.of("from", "08:00", "to", "08:00")))));
        assertThat(empty.status()).isEqualTo(400);
        Api.Response badZone = api.post("/rest/v1/templates", tenant.token(), Map.of("name", "Broken",
                "events", List.of(Map.of("code", "x", "notificationSchedule", Map.of("timeZone", "Mars/Base", "from", "08:00", "to", "09:00")))));
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(api.get("/rest/v1/templates", tenant.token()).body().get("totalElements").asLong()).isEqualTo(1);
    }
}
