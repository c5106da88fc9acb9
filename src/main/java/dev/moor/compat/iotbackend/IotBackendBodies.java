package dev.moor.compat.iotbackend;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The envelopes of iotbackend.cloud's answers (004_acf27261eee54b3f.txt): data, or a message. */
final class IotBackendBodies {

    private IotBackendBodies() {
    }

    /** {@code {"data": ...}}. */
    record Data<T>(T data) {
    }

    /** {@code {"message": "..."}}: validation responses and errors. */
    record Message(String message) {
    }

    /** {@code {"message": "...", "device_uid": "..."}}: the answer of an action on a device. */
    record DeviceMessage(String message, @JsonProperty("device_uid") String deviceUid) {
    }
}
