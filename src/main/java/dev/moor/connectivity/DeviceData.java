package dev.moor.connectivity;

import java.time.Instant;

import dev.moor.device.DeviceId;
import tools.jackson.databind.JsonNode;

/**
 * One message of a device to store, from any transport (MQTT, the HTTP device API).
 *
 * @param datastream for {@link Kind#TELEMETRY}: the datastream of a single-value message, or null when
 *                   {@code payload} is a JSON object of datastream values
 */
public record DeviceData(DeviceId device, String uid, String templateId, Kind kind, String datastream, JsonNode payload,
        Instant at) {

    public enum Kind {
        /** Datastream values. */
        TELEMETRY,
        /** Device info: firmware version, board, local IP, RSSI and the like. */
        INFO,
        /** A device event {@code {code, description}}. */
        EVENT
    }

    public DeviceData withPayload(JsonNode newPayload) {
        return new DeviceData(device, uid, templateId, kind, datastream, newPayload, at);
    }
}
