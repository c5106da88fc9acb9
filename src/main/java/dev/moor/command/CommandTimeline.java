package dev.moor.command;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.moor.device.DeviceId;
import dev.moor.telemetry.TimelineService;
import dev.moor.telemetry.TimelineType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Puts each step of a command on its device's timeline. A timeline that cannot be written is logged and
 * never stops a command.
 */
@Component
class CommandTimeline {

    private static final Logger log = LoggerFactory.getLogger(CommandTimeline.class);

    private final TimelineService timeline;

    CommandTimeline(TimelineService timeline) {
        this.timeline = timeline;
    }

    void queued(Command command) {
        record(command, TimelineType.COMMAND_QUEUED, "expiresAt", command.expiresAt().toString());
    }

    void sent(Command command) {
        record(command, TimelineType.COMMAND_SENT, null, null);
    }

    void answered(Command command) {
        TimelineType type = command.status() == CommandStatus.ACKNOWLEDGED ? TimelineType.COMMAND_ACKNOWLEDGED
                : TimelineType.COMMAND_FAILED;
        record(command, type, "result", command.result());
    }

    void failed(Command command, String error) {
        record(command, TimelineType.COMMAND_FAILED, "error", error);
    }

    void expired(Command command) {
        record(command, TimelineType.COMMAND_EXPIRED, null, null);
    }

    private void record(Command command, TimelineType type, String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commandId", command.id().toString());
        data.put("name", command.name());
        if (key != null && value != null && !(value instanceof JsonNode node && node.isNull())) {
            data.put(key, value);
        }
        try {
            timeline.record(new DeviceId(command.deviceId()), type, Instant.now(), data);
        } catch (RuntimeException e) {
            log.warn("Could not put command {} on the timeline of device {}", command.id(), command.deviceId(), e);
        }
    }
}
