package dev.moor.telemetry;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A datastream value written by a user (not reported by the device), and what became of its delivery:
 * PENDING, DELIVERED, NOT_CONNECTED or FAILED.
 */
public record DatastreamLog(long id, String name, JsonNode value, Long userId, String delivery, Instant ts) {
}
