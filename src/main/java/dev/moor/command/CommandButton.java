package dev.moor.command;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A saved command of one device, sent with one click (iotbackend's command buttons, 004_acf27261eee54b3f.txt,
 * "command-buttons"). Sending it sends a command named by the button's id with its payload; {@code confirm}
 * tells a user interface to ask before sending.
 */
public record CommandButton(String id, String label, JsonNode payload, boolean confirm, Instant createdAt) {
}
