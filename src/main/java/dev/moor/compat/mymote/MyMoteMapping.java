package dev.moor.compat.mymote;

import java.util.List;
import java.util.Optional;

import dev.moor.device.Board;
import dev.moor.device.Device;
import dev.moor.device.DeviceGroup;
import dev.moor.device.DeviceGroupId;
import dev.moor.device.Platform;
import tools.jackson.databind.JsonNode;

/**
 * Maps Moor's devices and groups to Iomote's entities (vendor-notes.md, Iomote "Entities"). Every field is a
 * string, as the docs show them ({@code "…"}); a value Moor does not have is the empty string, never null.
 */
final class MyMoteMapping {

    /**
     * Azure IoT Hub's device-twin states, which MyMote sits on; the docs leave the values empty
     * (vendor-notes.md, Iomote "Entities": use "Connected"/"Disconnected").
     */
    static final String CONNECTED = "Connected";
    static final String DISCONNECTED = "Disconnected";

    private MyMoteMapping() {
    }

    /**
     * DEVICE. {@code device_key} is the X400's secret identity that provisions it (vendor-notes.md, Iomote
     * "Identity & concepts"); Moor's counterpart is the device token. {@code type} is the board (the X400 is
     * a board), else the platform. {@code location}, {@code connectivity} and {@code ICCID} come from the
     * device's metadata keys {@code location} (text, or [lat, lon]), {@code connectivity} and {@code iccid}.
     * The stats record of a device is identified by the device's id.
     */
    /** What a DEVICE shows beyond the registry: presence, and the firmware and app the device runs. */
    record Running(boolean online, String fwversion, String appName, String appVersion) {
    }

    static MyMoteDevice device(Device device, Optional<DeviceGroupId> group, List<Platform> catalogue, Running running) {
        String id = Long.toString(device.id());
        return new MyMoteDevice(id, device.uid(), text(device.token()),
                device.ownerUserId() == null ? "" : Long.toString(device.ownerUserId()),
                group.map(DeviceGroupId::toString).orElse(""), device.name(), type(device, catalogue),
                location(device.meta()), metaText(device.meta(), "connectivity").orElse("MQTT"),
                text(running.fwversion()), text(running.appName()), text(running.appVersion()), id,
                metaText(device.meta(), "iccid").orElse(""));
    }

    static MyMoteBodies.DeviceWithStatus withStatus(Device device, Optional<DeviceGroupId> group,
            List<Platform> catalogue, Running running) {
        return new MyMoteBodies.DeviceWithStatus(device(device, group, catalogue, running),
                connectionState(running.online()));
    }

    static String connectionState(boolean online) {
        return online ? CONNECTED : DISCONNECTED;
    }

    static MyMoteBodies.Group group(DeviceGroup group) {
        return new MyMoteBodies.Group(Long.toString(group.id()),
                group.ownerUserId() == null ? "" : Long.toString(group.ownerUserId()), group.name(),
                text(group.clientName()), text(group.email()), text(group.telephone()));
    }

    private static String type(Device device, List<Platform> catalogue) {
        Optional<String> board = catalogue.stream().flatMap(platform -> platform.boards().stream())
                .filter(candidate -> candidate.key().equals(device.board())).findFirst().map(Board::name);
        return board.or(() -> catalogue.stream().filter(platform -> platform.key().equals(device.platform()))
                .findFirst().map(Platform::name)).orElse("");
    }

    /** MyMote provisions a device with "Location (lat,lon)" (vendor-notes.md, Iomote "Identity & concepts"). */
    private static String location(JsonNode meta) {
        JsonNode location = meta == null ? null : meta.get("location");
        if (location != null && location.isArray() && location.size() == 2 && location.get(0).isNumber()
                && location.get(1).isNumber()) {
            return location.get(0).asString() + "," + location.get(1).asString();
        }
        return metaText(meta, "location").orElse("");
    }

    private static Optional<String> metaText(JsonNode meta, String key) {
        JsonNode value = meta == null ? null : meta.get(key);
        return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
