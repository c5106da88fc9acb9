package dev.moor.device;

/** Identifies a device by its stable numeric id. */
public record DeviceId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
