package dev.moor.device;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.moor.shared.DomainException;

/** How a device connects, with Losant's device class names as the wire form. */
public enum DeviceClass {
    STANDALONE("standalone"),
    GATEWAY("gateway"),
    PERIPHERAL("peripheral"),
    FLOATING("floating"),
    EDGE_COMPUTE("edgeCompute");

    private final String wire;

    DeviceClass(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses the wire form; throws VALIDATION_FAILED for an unknown class. */
    @JsonCreator
    public static DeviceClass fromWire(String wire) {
        return Arrays.stream(values()).filter(value -> value.wire.equals(wire)).findFirst()
                .orElseThrow(() -> DomainException.invalid("deviceClass must be one of "
                        + Arrays.stream(values()).map(DeviceClass::wire).toList() + "."));
    }
}
