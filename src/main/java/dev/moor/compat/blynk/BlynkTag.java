package dev.moor.compat.blynk;

/** A tag on a device (003_b4fc07689aea9168.txt, "Get device tags", 200). */
record BlynkTag(long id, String name, long tagOwnerOrgId) {
}
