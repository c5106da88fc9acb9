package dev.moor.firmware;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Permission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device apps and their versions, the second kind of deployable beside firmware. Apps belong to the caller's
 * organization; a device may be given a version of an app of its own organization as its target. Reading
 * needs a device view permission, changing needs ORG_DEVICES_EDIT; an app of another organization is
 * APP_NOT_FOUND.
 */
@Service
public class AppService {

    private final AppStore apps;
    private final FirmwareStore files;
    private final DeviceService devices;

    AppService(AppStore apps, FirmwareStore files, DeviceService devices) {
        this.apps = apps;
        this.files = files;
        this.devices = devices;
    }

    /** Creates an app in the caller's organization; throws APP_NAME_TAKEN when the name is in use there. */
    @Transactional
    public App create(Caller caller, String name) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        String valid = FirmwareService.validName(name);
        if (apps.nameTaken(caller.organizationId(), valid)) {
            throw new DomainException(ErrorCode.APP_NAME_TAKEN, "An app named '" + valid + "' already exists.");
        }
        return apps.find(apps.insert(caller.organizationId(), valid)).orElseThrow();
    }

    /** The apps of the caller's organization, by name. */
    public List<App> list(Caller caller) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return apps.of(caller.organizationId());
    }

    /** An app of the caller's organization, or APP_NOT_FOUND. */
    public App get(Caller caller, long appId) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return getOwn(caller.organizationId(), appId);
    }

    /** Deletes an app and its versions; throws APP_IN_USE, deleting nothing, while a device targets one of them. */
    @Transactional
    public void delete(Caller caller, long appId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        getOwn(caller.organizationId(), appId);
        long targeting = files.devicesTargetingApp(appId);
        if (targeting > 0) {
            throw new DomainException(ErrorCode.APP_IN_USE, "Cannot delete an app while a device has one of its versions assigned.",
                    Map.of("devices", targeting));
        }
        apps.delete(appId);
    }

    /**
     * Uploads a version, with the same rules as firmware: name and file required, a raw binary of at most
     * {@link FirmwareService#MAX_BYTES}, checksums computed here, and FIRMWARE_DUPLICATE for a file already
     * uploaded in the organization. Nothing is stored when it is refused.
     */
    @Transactional
    public AppVersion upload(Caller caller, long appId, FirmwareService.NewFirmware upload) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        App app = getOwn(caller.organizationId(), appId);
        String name = FirmwareService.validName(upload.name());
        String version = FirmwareService.optionalText("version", upload.version(), 100);
        String notes = FirmwareService.optionalText("notes", upload.notes(), 4000);
        FirmwareFile file = FirmwareService.readFile(upload.file());
        OrganizationId organization = new OrganizationId(app.organizationId());
        files.findByMd5(organization, file.md5()).ifPresent(existing -> {
            throw FirmwareService.duplicate(existing);
        });
        return view(files.find(new FirmwareId(files.insert(organization, appId, name, version, notes, file))).orElseThrow());
    }

    /** The app's versions, newest first. */
    public List<AppVersion> versions(Caller caller, long appId) {
        App app = get(caller, appId);
        return files.versionsOf(app.id()).stream().map(AppService::view).toList();
    }

    /** Deletes a version; throws FIRMWARE_IN_USE while a device has it as its target. */
    @Transactional
    public void deleteVersion(Caller caller, long appId, long versionId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        getOwn(caller.organizationId(), appId);
        FirmwareStore.Row row = getVersion(appId, versionId);
        long targeting = files.devicesTargeting(row.firmwareId());
        if (targeting > 0) {
            throw new DomainException(ErrorCode.FIRMWARE_IN_USE,
                    "Cannot delete an app version while it is assigned to any device.", Map.of("devices", targeting));
        }
        files.delete(row.firmwareId());
    }

    /**
     * Makes a version of an app of the device's organization the device's target app. Throws APP_NOT_FOUND
     * or FIRMWARE_NOT_FOUND for an app or version the device's organization does not have.
     */
    @Transactional
    public AppStatus setTarget(Caller caller, DeviceId deviceId, long appId, long versionId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        App app = getOwn(device.organization(), appId);
        FirmwareStore.Row version = getVersion(app.id(), versionId);
        files.setTargetAppVersion(deviceId, version.id());
        return status(device);
    }

    /** The device's current and target app versions. */
    public AppStatus status(Caller caller, DeviceId deviceId) {
        return status(devices.get(caller, deviceId));
    }

    /** The device's target app version, if it has one. */
    public Optional<AppVersion> findTarget(Device device) {
        return Optional.ofNullable(files.state(device.deviceId()).targetAppVersionId())
                .flatMap(id -> files.find(new FirmwareId(id))).map(AppService::view);
    }

    AppStatus status(Device device) {
        FirmwareStore.DeviceState state = files.state(device.deviceId());
        return new AppStatus(device.id(), version(state.currentAppVersionId()), version(state.targetAppVersionId()),
                state.lastOtaAt());
    }

    private AppVersion version(Long id) {
        return id == null ? null : files.find(new FirmwareId(id)).map(AppService::view).orElse(null);
    }

    private App getOwn(OrganizationId organization, long appId) {
        return apps.find(appId).filter(app -> app.organizationId() == organization.value())
                .orElseThrow(() -> new DomainException(ErrorCode.APP_NOT_FOUND, "App " + appId + " was not found."));
    }

    private FirmwareStore.Row getVersion(long appId, long versionId) {
        return files.find(new FirmwareId(versionId)).filter(row -> row.appId() != null && row.appId() == appId)
                .orElseThrow(() -> new DomainException(ErrorCode.FIRMWARE_NOT_FOUND,
                        "Version " + versionId + " of app " + appId + " was not found."));
    }

    static AppVersion view(FirmwareStore.Row row) {
        return new AppVersion(row.id(), row.appId(), row.name(), row.version(), row.notes(), row.md5(), row.sha256(),
                row.size(), row.createdAt(), row.updatedAt());
    }
}
