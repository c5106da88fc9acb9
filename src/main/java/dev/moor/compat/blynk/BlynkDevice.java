package dev.moor.compat.blynk;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A device as the Blynk.Cloud organization API shows it in lists and in the update response
 * (003_b4fc07689aea9168.txt, "Update device", 200). {@code templateId} is the template's numeric id;
 * {@code originalTemplateId} repeats it, as the current OpenAPI requires it (vendor-notes.md, Blynk "JSON
 * shapes"). {@code activatedAt} and {@code ownerUserId} are optional and left out when unset.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BlynkDevice(long id, String name, long templateId, long originalTemplateId, long orgId, String token,
        Long activatedAt, Long ownerUserId) {
}
