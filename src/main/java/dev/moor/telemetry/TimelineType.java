package dev.moor.telemetry;

/** What a timeline entry records. Other modules record theirs through {@link TimelineService#record}. */
public enum TimelineType {
    CREATED,
    ACTIVATED,
    ONLINE,
    OFFLINE,
    /** A device event {@code {code, description}} from {@code devices/{uid}/events}. */
    EVENT,
    METADATA_CHANGED,
    OWNER_CHANGED,
    TRANSFERRED,
    DATA_CLEARED,
    DATASTREAM_WRITTEN,
    /** A command waits for an offline device {@code {commandId, name, expiresAt}}. */
    COMMAND_QUEUED,
    /** A command was published to the device {@code {commandId, name}}. */
    COMMAND_SENT,
    /** The device answered "ok" {@code {commandId, name, result}}. */
    COMMAND_ACKNOWLEDGED,
    /** The device answered "error", or the command could not be delivered {@code {commandId, name, result | error}}. */
    COMMAND_FAILED,
    /** A queued command's time ran out before the device connected {@code {commandId, name}}. */
    COMMAND_EXPIRED,
    /** An OTA update was sent to the device {@code {attemptId, kind, md5, version}}. */
    OTA_STARTED,
    /** The device reported OTA progress {@code {attemptId, status, progress}}. */
    OTA_PROGRESS,
    /** An OTA update failed or timed out {@code {attemptId, error}}. */
    OTA_FAILED,
    /** The device runs a new binary {@code {kind, md5, version, attemptId?}}. */
    FIRMWARE_CHANGED
}
