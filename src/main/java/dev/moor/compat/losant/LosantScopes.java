package dev.moor.compat.losant;

/**
 * The scopes each endpoint accepts, exactly as Losant lists them under "Authentication" on its pages
 * (devices.md for the collection, device.md for one device). A token with no scopes is unrestricted, like
 * Losant's user tokens ({@code all.User}, overview.md "User-Based Authentication").
 */
final class LosantScopes {

    private LosantScopes() {
    }

    // devices.md, "Export".
    static final String[] DEVICES_EXPORT = {"all.Application", "all.Application.read", "all.Organization",
            "all.Organization.read", "all.User", "all.User.read", "devices.*", "devices.export"};
    // devices.md, "Get".
    static final String[] DEVICES_GET = {"all.Application", "all.Application.read", "all.Device", "all.Device.read",
            "all.Organization", "all.Organization.read", "all.User", "all.User.read", "devices.*", "devices.get"};
    // devices.md, "Post".
    static final String[] DEVICES_POST = {"all.Application", "all.Organization", "all.User", "devices.*", "devices.post"};
    // device.md, "Get".
    static final String[] DEVICE_GET = {"all.Application", "all.Application.read", "all.Device", "all.Device.read",
            "all.Organization", "all.Organization.read", "all.User", "all.User.read", "device.*", "device.get"};
    // device.md, "Patch".
    static final String[] DEVICE_PATCH = {"all.Application", "all.Organization", "all.User", "device.*", "device.patch"};
    // device.md, "Delete".
    static final String[] DEVICE_DELETE = {"all.Application", "all.Organization", "all.User", "device.*", "device.delete"};
    // device.md, "Get Log Entries".
    static final String[] DEVICE_GET_LOG_ENTRIES = {"all.Application", "all.Application.read", "all.Device",
            "all.Device.read", "all.Organization", "all.Organization.read", "all.User", "all.User.read", "device.*",
            "device.getLogEntries"};
    // device.md, "Get State".
    static final String[] DEVICE_GET_STATE = {"all.Application", "all.Application.read", "all.Device",
            "all.Device.read", "all.Organization", "all.Organization.read", "all.User", "all.User.read", "device.*",
            "device.getState"};
    // device.md, "Send State".
    static final String[] DEVICE_SEND_STATE = {"all.Application", "all.Device", "all.Organization", "all.User",
            "device.*", "device.sendState"};
    // devices.md, "Send Command".
    static final String[] DEVICES_SEND_COMMAND = {"all.Application", "all.Device", "all.Organization", "all.User",
            "devices.*", "devices.sendCommand"};
    // device.md, "Send Command".
    static final String[] DEVICE_SEND_COMMAND = {"all.Application", "all.Device", "all.Organization", "all.User",
            "device.*", "device.sendCommand"};
    // device.md, "Get Command".
    static final String[] DEVICE_GET_COMMAND = {"all.Application", "all.Application.read", "all.Device",
            "all.Device.read", "all.Organization", "all.Organization.read", "all.User", "all.User.read", "device.*",
            "device.getCommand"};
}
