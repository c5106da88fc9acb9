package dev.moor.compat.iotbackend;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A firmware object (004_acf27261eee54b3f.txt, "GET /v1/user/devices/{uid}/firmwares"). */
record IotBackendFirmware(
        Long id,
        String name,
        String version,
        String notes,
        String md5,
        Long size,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("is_current") boolean isCurrent,
        @JsonProperty("is_target") boolean isTarget) {
}
