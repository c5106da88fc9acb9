package dev.moor.device;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import dev.moor.shared.DomainException;

/**
 * When an event of a template may notify people: on the given days, from {@code from} (inclusive) to
 * {@code to} (exclusive), local time in {@code timeZone}. A window with {@code from} after {@code to}
 * runs over midnight (22:00 to 06:00); its day is the day it starts on. Outside the window an event is
 * still recorded, but muted. Blynk.Cloud's events have such a schedule (003_b4fc07689aea9168.txt,
 * "Trigger device event": "muted if a notification schedule is configured and the current time falls
 * outside the allowed window").
 */
public record NotificationSchedule(ZoneId timeZone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    /** Fills the defaults (UTC, every day) and throws VALIDATION_FAILED for a window without a length. */
    public NotificationSchedule {
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (from == null || to == null) {
            throw DomainException.invalid("A notification schedule needs from and to, as HH:mm.");
        }
        if (from.equals(to)) {
            throw DomainException.invalid("A notification schedule's from and to must differ.");
        }
    }

    /** True when {@code at} falls inside the window. */
    public boolean allows(Instant at) {
        ZonedDateTime local = at.atZone(timeZone);
        LocalTime time = local.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
        // Over midnight: the evening part belongs to today, the morning part to the day before.
        if (!time.isBefore(from)) {
            return days.contains(local.getDayOfWeek());
        }
        return time.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
    }
}
