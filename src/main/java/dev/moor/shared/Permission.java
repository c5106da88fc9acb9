package dev.moor.shared;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a user or an API token may do. The device permissions carry the names of the Blynk.Cloud
 * organization API (Devices page, "Required permissions" of each endpoint), so that a Blynk client's
 * expectations map one to one. The rest are Moor's own, for managing the registry itself.
 */
public enum Permission {
    // Blynk.Cloud device permissions.
    ORG_DEVICES_VIEW,
    OWN_DEVICES_VIEW,
    ORG_DEVICES_CREATE,
    ORG_DEVICES_EDIT,
    ORG_DEVICES_DELETE,
    ORG_DEVICES_CONTROL,
    TRANSFER_DEVICE,
    ORG_VIEW,
    ORG_VIEW_USERS,
    VIEW_TIMELINE,
    VIEW_OWN_ORG_TAG,
    ORG_DEVICE_VIEW_ACTION_LOG,
    ORG_DEVICE_DATA_DELETE,
    // Moor's own.
    ORG_EDIT,
    ORG_USERS_EDIT,
    TEMPLATES_VIEW,
    TEMPLATES_EDIT,
    ORG_TAGS_EDIT,
    TOKENS_MANAGE;

    public static Set<Permission> all() {
        return EnumSet.allOf(Permission.class);
    }
}
