package dev.moor.compat.blynk;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One user action of the device log (vendor-notes.md, Blynk "LogEntry", older docs). Moor addresses
 * datastreams by name, not by pin number (as Blynk's own MQTT API does), so {@code pin} is the datastream's
 * name and {@code pinType} is VIRTUAL. {@code isOnline} says whether the device took the value at once.
 */
record BlynkLogEntry(String triggerUserEmail, JsonNode value, String pin, String pinType,
        @JsonProperty("isOnline") boolean isOnline, long createdAt) {
}
