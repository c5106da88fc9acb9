package dev.moor.connectivity.mqtt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A topic a device publishes on, as the device protocol defines it (docs/device-protocol.md):
 * {@code devices/{uid}/telemetry}, {@code .../telemetry/{datastream}}, {@code .../info}, {@code .../events},
 * {@code .../commands/{commandId}/ack} and {@code .../ota}.
 */
record DeviceTopic(String uid, Kind kind, String datastream, String subtopic) {

    static final String PREFIX = "devices/";

    enum Kind {
        TELEMETRY, TELEMETRY_VALUE, INFO, EVENTS, COMMAND_ACK, OTA
    }

    private static final Pattern DEVICE_TO_MOOR = Pattern.compile(
            "devices/([^/+#]+)/(telemetry|telemetry/([A-Za-z0-9_.-]{1,64})|info|events|commands/([^/+#]{1,64})/ack|ota)");

    /** The topic, parsed, when it is one of the topics a device may publish on. */
    static Optional<DeviceTopic> parse(String topic) {
        Matcher matcher = DEVICE_TO_MOOR.matcher(topic);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String subtopic = matcher.group(2);
        Kind kind;
        if (subtopic.equals("telemetry")) {
            kind = Kind.TELEMETRY;
        } else if (matcher.group(3) != null) {
            kind = Kind.TELEMETRY_VALUE;
        } else if (subtopic.equals("info")) {
            kind = Kind.INFO;
        } else if (subtopic.equals("events")) {
            kind = Kind.EVENTS;
        } else if (matcher.group(4) != null) {
            kind = Kind.COMMAND_ACK;
        } else {
            kind = Kind.OTA;
        }
        return Optional.of(new DeviceTopic(matcher.group(1), kind, matcher.group(3), subtopic));
    }

    /**
     * True when a device with this uid may subscribe to the filter: only filters inside its own
     * {@code devices/{uid}/} tree (wildcards below that are fine), never shared subscriptions.
     */
    static boolean maySubscribe(String uid, String filter) {
        String prefix = PREFIX + uid + "/";
        return filter.startsWith(prefix) && filter.length() > prefix.length();
    }
}
