package dev.moor.compat.blynk;

/** The request bodies of the Blynk.Cloud device endpoints (003_b4fc07689aea9168.txt, each endpoint's "Body"). */
final class BlynkRequests {

    private BlynkRequests() {
    }

    /** PUT /device: {@code name}. */
    record BlynkDeviceUpdate(String name) {
    }

    /** POST /device/create: {@code templateId} is the string template id, like {@code TMPL8RITg_f9Q}. */
    record BlynkNewDevice(String templateId, Integer orgId, String name, Long ownerId) {
    }

    /** POST /device/transfer/to-owner. */
    record BlynkTransferToOwner(Integer deviceId, Long newOwnerUserId) {
    }

    /** POST /device/transfer/to-organization. */
    record BlynkTransferToOrganization(Integer deviceId, Integer newOrgId) {
    }

    /** POST /device/metafield: {@code newValue} is always a string, validated by the metafield's type. */
    record BlynkMetaFieldUpdate(Integer deviceId, Integer metaFieldId, String newValue) {
    }

    /** POST /device/trigger-event: {@code eventCode} and {@code eventDescription} have at most 200 characters. */
    record BlynkTriggerEvent(Integer deviceId, String eventCode, String eventDescription) {
    }
}
