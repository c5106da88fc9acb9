package dev.moor.compat.mymote;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Iomote's DEVICE entity: fourteen string fields, named exactly as documented (vendor-notes.md, Iomote "Entities"). */
record MyMoteDevice(
        String id,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("device_key") String deviceKey,
        @JsonProperty("user_id") String userId,
        @JsonProperty("group_id") String groupId,
        String name,
        String type,
        String location,
        String connectivity,
        String fwversion,
        @JsonProperty("app_name") String appName,
        @JsonProperty("app_version") String appVersion,
        @JsonProperty("stat_device_id") String statDeviceId,
        @JsonProperty("ICCID") String iccid) {
}
