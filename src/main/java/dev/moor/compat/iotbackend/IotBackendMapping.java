package dev.moor.compat.iotbackend;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import dev.moor.device.Board;
import dev.moor.device.BoardVariant;
import dev.moor.device.Device;
import dev.moor.device.Platform;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Maps Moor's devices to iotbackend.cloud's shapes (004_acf27261eee54b3f.txt, "REST API Devices"). */
final class IotBackendMapping {

    /** Timestamps as the page shows them: ISO-8601 with an explicit offset, "2026-04-16T10:25:00+00:00". */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private IotBackendMapping() {
    }

    static IotBackendDevice summary(Device device, List<Platform> catalogue) {
        return new IotBackendDevice(device.uid(), device.name(), status(device), null,
                platform(device, catalogue), board(device, catalogue), variant(device, catalogue));
    }

    /**
     * The detail. {@code port} and {@code meta.mqtt_port} are the broker port a device uses, which on
     * iotbackend.cloud is its MQTT TLS port (vendor-notes.md, IoTBackend "Device side"); Moor shows its own.
     * {@code meta} is the device's stored metadata with that port added, as the page's "device metadata
     * from the stored meta field" says.
     */
    static IotBackendDeviceDetail detail(Device device, List<Platform> catalogue, int mqttTlsPort) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        if (device.meta() != null && device.meta().isObject()) {
            meta.setAll((ObjectNode) device.meta());
        }
        meta.put("mqtt_port", mqttTlsPort);
        return new IotBackendDeviceDetail(device.uid(), device.name(), device.description(), status(device),
                isOnline(device), null, null, mqttTlsPort, null, timestamp(device.activatedAt()), null, null,
                platform(device, catalogue), board(device, catalogue), variant(device, catalogue),
                JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.nullNode(), meta);
    }

    /**
     * "pending" until the device first connects (the page's example of a new device), then "online" or
     * "offline" as Moor's presence records it.
     */
    static String status(Device device) {
        return device.status() == null ? "pending" : device.status();
    }

    static boolean isOnline(Device device) {
        return "online".equals(device.status());
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
