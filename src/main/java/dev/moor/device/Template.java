package dev.moor.device;

import java.time.Instant;
import java.util.List;

/**
 * A device blueprint: its string id (like {@code TMPL8RITg_f9Q}) is what clients use; {@code number} is
 * the numeric id that APIs with integer template ids (Blynk's device payload) show.
 */
public record Template(String id, long number, String name, String description, long organizationId,
        List<Datastream> datastreams, List<EventDefinition> events, Instant createdAt, Instant updatedAt) {

    /** A datastream the template defines: its value type, and an optional range and unit. */
    public record Datastream(String name, DatastreamType type, Double min, Double max, String unit) {
    }

    /**
     * An event code devices of this template may raise. {@code notificationSchedule}, when set, limits
     * when the event notifies; without one it always does.
     */
    public record EventDefinition(String code, String name, EventLevel level, NotificationSchedule notificationSchedule) {

        public EventDefinition(String code, String name, EventLevel level) {
            this(code, name, level, null);
        }
    }

    public enum DatastreamType {
        INTEGER, DOUBLE, STRING, BOOLEAN, JSON
    }

    public enum EventLevel {
        INFO, WARNING, CRITICAL
    }
}
