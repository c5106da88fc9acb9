package dev.moor.command;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.JsonNode;

/**
 * A command to one device and where it is in its lifecycle. {@code payload} is any JSON value (null when
 * none was given); {@code result} is what the device answered in its acknowledgement; {@code error} says
 * why a command failed without an answer. {@code batchId} is set for a command made by a many-device command.
 */
public record Command(UUID id, long deviceId, String name, JsonNode payload, CommandStatus status, WhenOffline whenOffline,
        Instant time, Instant createdAt, Instant sentAt, Instant deliveredAt, Instant acknowledgedAt, Instant expiresAt,
        JsonNode result, String error, UUID batchId) {

    @JsonIgnore
    public CommandId commandId() {
        return new CommandId(id);
    }
}
