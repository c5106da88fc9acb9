package dev.moor.device;

/** Published inside the transaction that deletes a device, before its row is gone. */
public record DeviceDeleted(DeviceId device, String uid) {
}
