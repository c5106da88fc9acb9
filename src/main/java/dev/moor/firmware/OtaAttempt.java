package dev.moor.firmware;

import java.time.Instant;
import java.util.UUID;

/**
 * One over-the-air update of a device. {@code status} moves PENDING (OTA command sent or queued),
 * DOWNLOADING, INSTALLING, then SUCCEEDED or FAILED; an attempt with no progress for {@code moor.ota.timeout}
 * fails with a timeout, so none stays open for ever. {@code kind} is "firmware" or "app".
 */
public record OtaAttempt(long id, long deviceId, String kind, Long firmwareId, String md5, String version, long size,
        UUID commandId, OtaStatus status, Integer progress, String error, Instant startedAt, Instant updatedAt,
        Instant finishedAt) {

    public enum OtaStatus {
        PENDING, DOWNLOADING, INSTALLING, SUCCEEDED, FAILED;

        public boolean isOpen() {
            return this == PENDING || this == DOWNLOADING || this == INSTALLING;
        }
    }
}
