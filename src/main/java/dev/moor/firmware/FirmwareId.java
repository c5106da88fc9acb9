package dev.moor.firmware;

/** Identifies an uploaded firmware image or app version. */
public record FirmwareId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
