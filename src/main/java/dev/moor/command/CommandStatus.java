package dev.moor.command;

/**
 * Where a command is in its life: waiting for the device (QUEUED), published to it (SENT), taken by its
 * MQTT client (DELIVERED, on PUBACK), answered by the device (ACKNOWLEDGED or FAILED), or never delivered
 * before its time ran out (EXPIRED). FAILED also covers a command that could not be delivered.
 */
public enum CommandStatus {
    QUEUED, SENT, DELIVERED, ACKNOWLEDGED, FAILED, EXPIRED;

    public boolean isFinal() {
        return this == ACKNOWLEDGED || this == FAILED || this == EXPIRED;
    }
}
