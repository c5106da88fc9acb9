package dev.moor.compat.blynk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One timeline entry. The page elides the body; the fields follow Blynk's older docs (vendor-notes.md, Blynk
 * "TimelineEvent"). {@code eventType} is INFORMATION, WARNING or CRITICAL for events (their level), ONLINE or
 * OFFLINE for presence, and Moor's own type (CREATED, ACTIVATED, OWNER_CHANGED, TRANSFERRED, DATA_CLEARED,
 * DATASTREAM_WRITTEN, ...) for other lifecycle changes. Moor events are not resolved, so {@code isResolved}
 * is always false. {@code eventCode} is the event's code, for events only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BlynkTimelineEvent(long id, long orgId, String eventType, String eventCode, String description, long ts,
        @JsonProperty("isResolved") boolean isResolved) {
}
