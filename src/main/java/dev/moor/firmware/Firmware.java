package dev.moor.firmware;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A firmware image as seen from one device: {@code isCurrent} when the device reports running it,
 * {@code isTarget} when it is the image assigned to the device. {@code md5} is its identity.
 */
public record Firmware(long id, String name, String version, String notes, String md5, String sha256, long size,
        Instant createdAt, Instant updatedAt, boolean isCurrent, boolean isTarget) {

    @JsonIgnore
    public FirmwareId firmwareId() {
        return new FirmwareId(id);
    }
}
