package dev.moor.compat.iotbackend;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A device of the compact list, "GET /v1/user/devices" (004_acf27261eee54b3f.txt). */
record IotBackendDevice(
        String uid,
        String name,
        String status,
        @JsonProperty("last_seen_at") String lastSeenAt,
        IotBackendRef platform,
        IotBackendRef board,
        @JsonProperty("board_variant") IotBackendRef boardVariant) {
}
