package dev.moor.compat.iotbackend;

import dev.moor.command.CommandButton;
import tools.jackson.databind.JsonNode;

/** A saved command button (004_acf27261eee54b3f.txt, "command-buttons"): {@code {id, label, payload, confirm}}. */
record IotBackendCommandButton(String id, String label, JsonNode payload, boolean confirm) {

    static IotBackendCommandButton of(CommandButton button) {
        return new IotBackendCommandButton(button.id(), button.label(), button.payload(), button.confirm());
    }
}
