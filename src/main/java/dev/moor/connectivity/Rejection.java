package dev.moor.connectivity;

/** Why a device's message (or part of it) was refused or dropped. Counted per device and shown in its stats. */
public enum Rejection {
    /** The payload is over the documented size limit ({@code moor.mqtt.max-payload-bytes}). */
    PAYLOAD_TOO_LARGE,
    /** JSON was expected and the payload is not JSON (or not the expected JSON shape). */
    NOT_JSON,
    /** A datastream value of the wrong type for its template definition. */
    WRONG_TYPE,
    /** A numeric datastream value outside the template's min/max. */
    OUT_OF_RANGE,
    /** A datastream the device's template does not define. */
    UNKNOWN_DATASTREAM,
    /** Over the per-device message rate limit. */
    RATE_LIMITED,
    /** A topic outside the device's own, or one the device may not use in that direction. */
    FORBIDDEN_TOPIC,
    /** Ingest is saturated: the message could not be queued. */
    OVERLOADED
}
