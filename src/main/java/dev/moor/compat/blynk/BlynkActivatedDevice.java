package dev.moor.compat.blynk;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One recently activated device (003_b4fc07689aea9168.txt, "Get last activated devices", 200). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BlynkActivatedDevice(long id, long orgId, long templateId, Long ownerUserId, long activationTime) {
}
