package dev.moor.command;

import java.util.UUID;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;

/** Identifies a command; it travels to the device and comes back in the acknowledgement topic. */
public record CommandId(UUID value) {

    public static CommandId random() {
        return new CommandId(UUID.randomUUID());
    }

    /** Parses an id from a path or topic; a malformed one is COMMAND_NOT_FOUND, since no command has it. */
    public static CommandId parse(String text) {
        try {
            return new CommandId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException malformed) {
            throw new DomainException(ErrorCode.COMMAND_NOT_FOUND, "Command " + text + " was not found.");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
