package dev.moor.compat.iotbackend;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** One device in detail, "GET /v1/user/devices/{uid}", with every field the page lists (004_acf27261eee54b3f.txt). */
record IotBackendDeviceDetail(
        String uid,
        String name,
        String description,
        String status,
        @JsonProperty("is_online") boolean isOnline,
        @JsonProperty("public_ip") String publicIp,
        @JsonProperty("local_ip") String localIp,
        int port,
        @JsonProperty("last_rssi") Integer lastRssi,
        @JsonProperty("first_seen_at") String firstSeenAt,
        @JsonProperty("last_seen_at") String lastSeenAt,
        @JsonProperty("last_ota_at") String lastOtaAt,
        IotBackendRef platform,
        IotBackendRef board,
        @JsonProperty("board_variant") IotBackendRef boardVariant,
        @JsonProperty("current_firmware") IotBackendFirmware currentFirmware,
        @JsonProperty("target_firmware") IotBackendFirmware targetFirmware,
        JsonNode meta) {
}
