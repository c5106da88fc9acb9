package dev.moor.compat.blynk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Device details (GET /device, and POST /device/create): the device fields, then the metafield values.
 * The page elides this body; its shape follows the older Blynk docs' example (vendor-notes.md, Blynk
 * "DeviceDetails"). Base info (GET /device/baseInfo, or create with {@code baseInfoResponse=true}) leaves
 * the value arrays out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BlynkDeviceDetails(long id, String name, long templateId, long originalTemplateId, long orgId, String token,
        Long activatedAt, Long ownerUserId, List<BlynkDataStreamValue> dataStreamValues,
        List<BlynkMetaFieldValue> metaFieldValues) {
}
