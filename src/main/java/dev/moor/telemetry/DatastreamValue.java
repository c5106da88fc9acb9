package dev.moor.telemetry;

import java.time.Instant;

import dev.moor.device.DeviceId;
import tools.jackson.databind.JsonNode;

/** The latest value of a datastream. */
public record DatastreamValue(String name, JsonNode value, Instant updatedAt) {

    /** One stored value of a datastream's history. */
    public record Sample(Instant ts, JsonNode value) {
    }

    /** A value to store. */
    record Point(DeviceId device, String name, Instant ts, JsonNode value) {
    }
}
