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
    COMMAND_SENT,
    COMMAND_ACKNOWLEDGED,
    FIRMWARE_CHANGED
}
