package dev.moor.command;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One command sent to many devices (Losant's Multi Device Command). {@code status} is PENDING until the
 * devices are being chosen, RUNNING while commands are made and sent, DONE when every chosen device has its
 * command (or FAILED, with {@code error}, if choosing stopped). {@code commands} counts the devices' commands
 * by status.
 */
public record CommandBatch(UUID id, String name, JsonNode payload, Instant time, WhenOffline whenOffline, long ttlSeconds,
        String status, int deviceCount, Map<CommandStatus, Long> commands, Instant createdAt, Instant finishedAt,
        String error) {
}
