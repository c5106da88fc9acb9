package dev.moor.device;

/** Identifies a device group by its numeric id. */
public record DeviceGroupId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
