package dev.moor.compat.iotbackend;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import dev.moor.connectivity.DeviceStatus;
import dev.moor.device.Board;
import dev.moor.device.BoardVariant;
import dev.moor.device.Device;
import dev.moor.device.Platform;
import dev.moor.firmware.Firmware;
import dev.moor.firmware.FirmwareStatus;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Maps Moor's devices to iotbackend.cloud's shapes (004_acf27261eee54b3f.txt, "REST API Devices"). */
final class IotBackendMapping {

    /** Timestamps as the page shows them: ISO-8601 with an explicit offset, "2026-04-16T10:25:00+00:00". */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private IotBackendMapping() {
    }

    static IotBackendDevice summary(Device device, List<Platform> catalogue, DeviceStatus presence) {
        return new IotBackendDevice(device.uid(), device.name(), status(presence), timestamp(presence.lastSeenAt()),
                platform(device, catalogue), board(device, catalogue), variant(device, catalogue));
    }

    /**
     * The detail. {@code port} and {@code meta.mqtt_port} are the broker port a device uses, which on
     * iotbackend.cloud is its MQTT TLS port (vendor-notes.md, IoTBackend "Device side"); Moor shows its own.
     * {@code meta} is the device's stored metadata with that port added, as the page's "device metadata
     * from the stored meta field" says.
     */
    static IotBackendDeviceDetail detail(Device device, List<Platform> catalogue, int mqttTlsPort,
            DeviceStatus presence, FirmwareStatus firmware) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        if (device.meta() != null && device.meta().isObject()) {
            meta.setAll((ObjectNode) device.meta());
        }
        meta.put("mqtt_port", mqttTlsPort);
        return new IotBackendDeviceDetail(device.uid(), device.name(), device.description(), status(presence),
                presence.connected(), presence.publicIp(), presence.localIp(), mqttTlsPort, presence.rssi(),
                timestamp(presence.firstSeenAt()), timestamp(presence.lastSeenAt()), timestamp(firmware.lastOtaAt()), platform(device, catalogue), board(device, catalogue),
                variant(device, catalogue), currentFirmware(firmware), firmware(firmware.target()), meta);
    }

    /** The firmware object of the firmware list, upload and PATCH answers. */
    static IotBackendFirmware firmware(Firmware firmware) {
        if (firmware == null) {
            return null;
        }
        return new IotBackendFirmware(firmware.id(), firmware.name(), firmware.version(), firmware.notes(), firmware.md5(),
                firmware.size(), timestamp(firmware.createdAt()), firmware.isCurrent(), firmware.isTarget());
    }

    /**
     * What the device runs. The page does not show {@code current_firmware}'s shape; it is the firmware object,
     * and for a binary the device reports but nobody uploaded, the same object with only md5 and version known.
     */
    private static IotBackendFirmware currentFirmware(FirmwareStatus status) {
        if (status.current() != null) {
            return firmware(status.current());
        }
        if (status.currentMd5() == null) {
            return null;
        }
        return new IotBackendFirmware(null, null, status.currentVersion(), null, status.currentMd5(), null, null, true,
                false);
    }

    /**
     * "pending" until the device first connects (the page's example of a new device), then "online" while the
     * broker holds its session and "offline" otherwise.
     */
    static String status(DeviceStatus presence) {
        if (presence.connected()) {
            return "online";
        }
        return presence.firstSeenAt() == null ? "pending" : "offline";
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    private static IotBackendRef platform(Device device, List<Platform> catalogue) {
        return catalogue.stream().filter(platform -> platform.key().equals(device.platform())).findFirst()
                .map(platform -> new IotBackendRef(platform.id(), platform.name(), platform.key())).orElse(null);
    }

    private static IotBackendRef board(Device device, List<Platform> catalogue) {
        return findBoard(device, catalogue).map(board -> new IotBackendRef(board.id(), board.name(), board.key()))
                .orElse(null);
    }

    /** The page shows {@code board_variant} only as null; it gets the same {id, name, key} shape as the board. */
    private static IotBackendRef variant(Device device, List<Platform> catalogue) {
        return findBoard(device, catalogue).flatMap(board -> board.variants().stream()
                        .filter(variant -> variant.key().equals(device.boardVariant())).findFirst())
                .map((BoardVariant variant) -> new IotBackendRef(variant.id(), variant.name(), variant.key()))
                .orElse(null);
    }

    private static Optional<Board> findBoard(Device device, List<Platform> catalogue) {
        return catalogue.stream().flatMap(platform -> platform.boards().stream())
                .filter(board -> board.key().equals(device.board())).findFirst();
    }

}
