package dev.moor.firmware;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Firmware images for devices. An image belongs to the organization of the device it was uploaded for, and
 * every device of that organization may be given it as its target; its md5 is its identity there, so the
 * same file cannot be uploaded twice. Reading needs a view permission on the device, changing needs
 * ORG_DEVICES_EDIT. A device out of the caller's sight is DEVICE_NOT_FOUND, an image of another organization
 * is FIRMWARE_NOT_FOUND.
 */
@Service
public class FirmwareService {

    private static final Logger log = LoggerFactory.getLogger(FirmwareService.class);

    /** The largest accepted binary: 4 MiB, iotbackend's firmware limit (004_acf27261eee54b3f.txt, "Rules"). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** What a raw .bin is sent as: curl and browsers use octet-stream, macOS browsers report .bin as MacBinary. */
    static final Set<String> BINARY_TYPES = Set.of("application/octet-stream", "application/macbinary",
            "application/x-macbinary", "application/x-binary");
    private static final Pattern MD5 = Pattern.compile("^[0-9a-f]{32}$");

    private final FirmwareStore firmwares;
    private final DeviceService devices;

    FirmwareService(FirmwareStore firmwares, DeviceService devices) {
        this.firmwares = firmwares;
        this.devices = devices;
    }

    /** An uploaded binary as it arrives: the part's declared content type and its bytes, read once. */
    public record Upload(String contentType, InputStream content) {
    }

    /** What a new image is made of; {@code file} may be null (refused). */
    public record NewFirmware(String name, String version, String notes, Upload file) {
    }

    /** A change to an image's metadata; absent parts stay as they are, a blank version or notes clears it. */
    public record FirmwareChange(Optional<String> name, Optional<String> version, Optional<String> notes) {
    }

    /**
     * Stores a new image for the device's organization. The name and type are checked before the file is
     * read; the file is read as it streams and refused as soon as it passes {@link #MAX_BYTES}. Throws
     * VALIDATION_FAILED (missing name or file, empty file), UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, or
     * FIRMWARE_DUPLICATE when an image with the same md5 exists; in each case nothing is stored.
     */
    @Transactional
    public Firmware upload(Caller caller, DeviceId deviceId, NewFirmware upload) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        String name = validName(upload.name());
        String version = optionalText("version", upload.version(), 100);
        String notes = optionalText("notes", upload.notes(), 4000);
        FirmwareFile file = readFile(upload.file());
        firmwares.findByMd5(device.organization(), file.md5()).ifPresent(existing -> {
            throw duplicate(existing);
        });
        long id = firmwares.insert(device.organization(), null, name, version, notes, file);
        return view(firmwares.find(new FirmwareId(id)).orElseThrow(), firmwares.state(deviceId));
    }

    /** The images of the device's organization, newest first, each marked current and target for this device. */
    public List<Firmware> list(Caller caller, DeviceId deviceId) {
        Device device = devices.get(caller, deviceId);
        FirmwareStore.DeviceState state = firmwares.state(deviceId);
        return firmwares.firmwareOf(device.organization()).stream().map(row -> view(row, state)).toList();
    }

    /** One image of the device's organization; throws FIRMWARE_NOT_FOUND otherwise. */
    public Firmware get(Caller caller, DeviceId deviceId, FirmwareId id) {
        Device device = devices.get(caller, deviceId);
        return view(getRow(device, id), firmwares.state(deviceId));
    }

    /** Changes an image's name, version or notes; its binary never changes. */
    @Transactional
    public Firmware update(Caller caller, DeviceId deviceId, FirmwareId id, FirmwareChange change) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        FirmwareStore.Row row = getRow(device, id);
        firmwares.update(id, change.name().map(FirmwareService::validName).orElse(row.name()),
                change.version().map(version -> optionalText("version", version, 100)).orElse(row.version()),
                change.notes().map(notes -> optionalText("notes", notes, 4000)).orElse(row.notes()));
        return view(firmwares.find(id).orElseThrow(), firmwares.state(deviceId));
    }

    /** Deletes an image; throws FIRMWARE_IN_USE, deleting nothing, while any device has it as its target. */
    @Transactional
    public void delete(Caller caller, DeviceId deviceId, FirmwareId id) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        getRow(device, id);
        long targeting = firmwares.devicesTargeting(id);
        if (targeting > 0) {
            throw new DomainException(ErrorCode.FIRMWARE_IN_USE,
                    "Cannot delete firmware while it is assigned to any device.", Map.of("devices", targeting));
        }
        firmwares.delete(id);
    }

    /**
     * Makes the image with this md5 the device's target. Throws VALIDATION_FAILED for a malformed md5 and
     * FIRMWARE_NOT_FOUND when no image of the device's organization has it.
     */
    @Transactional
    public FirmwareStatus setTarget(Caller caller, DeviceId deviceId, String md5) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        String wanted = validMd5(md5);
        FirmwareStore.Row row = firmwares.findByMd5(device.organization(), wanted)
                .filter(found -> found.appId() == null)
                .orElseThrow(() -> new DomainException(ErrorCode.FIRMWARE_NOT_FOUND,
                        "Firmware with the provided md5 was not found for this device."));
        firmwares.setTargetFirmware(deviceId, row.id());
        return status(device);
    }

    /** Removes the device's target; the device keeps running what it runs. */
    @Transactional
    public FirmwareStatus clearTarget(Caller caller, DeviceId deviceId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        firmwares.setTargetFirmware(deviceId, null);
        return status(device);
    }

    /** What the device runs and should run, and when its last OTA update completed. */
    public FirmwareStatus status(Caller caller, DeviceId deviceId) {
        return status(devices.get(caller, deviceId));
    }

    /** The device's target image, if it has one. Used by delivery, which has already authenticated the device. */
    public Optional<Firmware> findTarget(Device device) {
        FirmwareStore.DeviceState state = firmwares.state(device.deviceId());
        return Optional.ofNullable(state.targetFirmwareId())
                .flatMap(id -> firmwares.find(new FirmwareId(id)))
                .map(row -> view(row, state));
    }

    /**
     * Records that the device runs the binary with this md5 (reported by the device or its updater). When
     * it is the device's target and differs from what it ran before, an OTA update has completed: the target
     * becomes current and the last-OTA time is set. Returns true in that case.
     */
    @Transactional
    public boolean recordRunning(Device device, String md5, Instant at) {
        if (md5 == null || !MD5.matcher(md5.toLowerCase(Locale.ROOT)).matches()) {
            return false;
        }
        String running = md5.toLowerCase(Locale.ROOT);
        FirmwareStore.DeviceState state = firmwares.state(device.deviceId());
        Optional<FirmwareStore.Row> target = Optional.ofNullable(state.targetFirmwareId())
                .flatMap(id -> firmwares.find(new FirmwareId(id)));
        boolean updated = target.isPresent() && target.get().md5().equals(running) && !running.equals(state.currentMd5());
        if (updated) {
            firmwares.setCurrentFirmware(device.deviceId(), running, target.get().version(), at);
        } else if (!running.equals(state.currentMd5())) {
            String version = firmwares.findByMd5(device.organization(), running).map(FirmwareStore.Row::version).orElse(null);
            firmwares.setCurrentFirmware(device.deviceId(), running, version, null);
        }
        return updated;
    }

    FirmwareStatus status(Device device) {
        FirmwareStore.DeviceState state = firmwares.state(device.deviceId());
        Firmware current = state.currentMd5() == null ? null
                : firmwares.findByMd5(device.organization(), state.currentMd5()).filter(row -> row.appId() == null)
                        .map(row -> view(row, state)).orElse(null);
        Firmware target = state.targetFirmwareId() == null ? null
                : firmwares.find(new FirmwareId(state.targetFirmwareId())).map(row -> view(row, state)).orElse(null);
        return new FirmwareStatus(device.id(), state.currentMd5(), state.currentVersion(), current, target, state.lastOtaAt());
    }

    /** A downloadable binary (firmware or app version) of the device's organization, by md5. */
    Optional<FirmwareStore.Row> findFile(Device device, String md5) {
        if (md5 == null || !MD5.matcher(md5).matches()) {
            return Optional.empty();
        }
        return firmwares.findByMd5(device.organization(), md5);
    }

    /** The device's target image as a stored row. */
    Optional<FirmwareStore.Row> findTargetFile(Device device) {
        return Optional.ofNullable(firmwares.state(device.deviceId()).targetFirmwareId())
                .flatMap(id -> firmwares.find(new FirmwareId(id)));
    }

    /** Throws FIRMWARE_CHECKSUM_MISMATCH unless the stored bytes still match the checksums taken at upload. */
    void verify(FirmwareStore.Row row) {
        if (!firmwares.checksumsMatch(row.firmwareId())) {
            log.error("Stored binary {} (md5 {}) no longer matches its checksums; refusing to serve it", row.id(), row.md5());
            throw new DomainException(ErrorCode.FIRMWARE_CHECKSUM_MISMATCH,
                    "The stored file is damaged and is not served; upload it again.");
        }
    }

    byte[] read(FirmwareStore.Row row, int offset, int length) {
        return firmwares.read(row.firmwareId(), offset, length);
    }

    private FirmwareStore.Row getRow(Device device, FirmwareId id) {
        return firmwares.find(id)
                .filter(row -> row.organizationId() == device.organizationId() && row.appId() == null)
                .orElseThrow(() -> notFound(id));
    }

    private static Firmware view(FirmwareStore.Row row, FirmwareStore.DeviceState state) {
        return new Firmware(row.id(), row.name(), row.version(), row.notes(), row.md5(), row.sha256(), row.size(),
                row.createdAt(), row.updatedAt(), row.md5().equals(state.currentMd5()),
                Long.valueOf(row.id()).equals(state.targetFirmwareId()));
    }

    static FirmwareFile readFile(Upload file) {
        if (file == null || file.content() == null) {
            throw DomainException.invalid("file is required: the raw .bin as a multipart part named 'file'.");
        }
        String type = file.contentType() == null ? "" : file.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!BINARY_TYPES.contains(type)) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "file must be a raw binary sent as application/octet-stream, not '" + type + "'.");
        }
        return FirmwareFile.read(file.content(), MAX_BYTES);
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("name is required.");
        }
        String stripped = name.strip();
        if (stripped.length() > 255) {
            throw DomainException.invalid("name has at most 255 characters.");
        }
        return stripped;
    }

    static String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw DomainException.invalid(field + " has at most " + maxLength + " characters.");
        }
        return value.strip();
    }

    static String validMd5(String md5) {
        if (md5 == null || !MD5.matcher(md5.strip().toLowerCase(Locale.ROOT)).matches()) {
            throw DomainException.invalid("md5 must be 32 hexadecimal characters.");
        }
        return md5.strip().toLowerCase(Locale.ROOT);
    }

    static DomainException duplicate(FirmwareStore.Row existing) {
        return new DomainException(ErrorCode.FIRMWARE_DUPLICATE, "This firmware file is already uploaded.",
                Map.of("md5", existing.md5(), "existingId", existing.id()));
    }

    static DomainException notFound(FirmwareId id) {
        return new DomainException(ErrorCode.FIRMWARE_NOT_FOUND, "Firmware " + id + " was not found.");
    }
}
