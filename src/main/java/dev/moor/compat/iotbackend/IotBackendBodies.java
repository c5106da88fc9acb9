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

    /** {@code {"message", "device_uid", "data"}}: the answer of a create on a device. */
    record DeviceMessageWithData<T>(String message, @JsonProperty("device_uid") String deviceUid, T data) {
    }

    /** The answer of set-target: {@code {"message", "device_uid", "md5"}}. */
    record TargetMessage(String message, @JsonProperty("device_uid") String deviceUid, String md5) {
    }
}
