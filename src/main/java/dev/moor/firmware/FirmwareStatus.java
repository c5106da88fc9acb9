package dev.moor.firmware;

import java.time.Instant;

/**
 * A device's firmware at a glance: what it reports running ({@code currentMd5}, {@code currentVersion}, and
 * {@code current} when that md5 is an uploaded image), what it should run ({@code target}), and when an OTA
 * update last completed. Absent parts are null.
 */
public record FirmwareStatus(long deviceId, String currentMd5, String currentVersion, Firmware current, Firmware target,
        Instant lastOtaAt) {
}
