package dev.moor.command;

/**
 * Commands every device understands, with their names on the wire: reboot, Wi-Fi reset and an OTA check
 * (iotbackend's built-in control actions, 004_acf27261eee54b3f.txt, "Built-in control actions").
 * User-defined commands may not take these names.
 */
public enum BuiltInCommand {
    REBOOT("reboot"), WIFI_RESET("wifi-reset"), OTA("ota");

    private final String wireName;

    BuiltInCommand(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static boolean isReserved(String name) {
        for (BuiltInCommand builtIn : values()) {
            if (builtIn.wireName.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
