package dev.moor.telemetry;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One entry of a device's timeline; {@code data} holds what the type carries (reason, code, user...). */
public record TimelineEntry(long id, TimelineType type, Instant ts, JsonNode data) {
}
