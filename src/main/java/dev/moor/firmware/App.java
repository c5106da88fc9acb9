package dev.moor.firmware;

import java.time.Instant;

/**
 * A device app: a program that runs beside the device's firmware and is deployed like it, in versions
 * (Iomote's apps, 000_653a1bc248848322.txt, "Send new app to a device"). {@code lastAppVersionId} is the
 * newest version, null before the first upload.
 */
public record App(long id, long organizationId, String name, Long lastAppVersionId, Instant createdAt, Instant updatedAt) {
}
