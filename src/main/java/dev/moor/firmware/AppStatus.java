package dev.moor.firmware;

import java.time.Instant;

/** The app version a device runs (as last confirmed by a completed deployment) and the one it should run. */
public record AppStatus(long deviceId, AppVersion current, AppVersion target, Instant lastOtaAt) {
}
