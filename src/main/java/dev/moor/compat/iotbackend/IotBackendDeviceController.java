package dev.moor.compat.iotbackend;

import java.util.List;
import java.util.Optional;

import dev.moor.connectivity.PresenceService;
import dev.moor.device.Device;
import dev.moor.device.DeviceSearch;
import dev.moor.device.DeviceService;
import dev.moor.device.Platform;
import dev.moor.device.PlatformService;
import dev.moor.firmware.FirmwareService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.MoorProperties;
import dev.moor.shared.SubOrganizations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * iotbackend.cloud's "REST API Devices" (004_acf27261eee54b3f.txt) under {@code /v1/user/devices}, with Moor
 * user bearer tokens in place of iotbackend's personal access tokens. Devices are named by their uid.
 */
@RestController
@RequestMapping("/v1/user/devices")
class IotBackendDeviceController {

    private final DeviceService devices;
    private final PlatformService platforms;
    private final FirmwareService firmwares;
    private final PresenceService presence;
    private final int mqttTlsPort;

    IotBackendDeviceController(DeviceService devices, PlatformService platforms, FirmwareService firmwares,
            PresenceService presence, MoorProperties properties) {
        this.devices = devices;
        this.presence = presence;
        this.platforms = platforms;
        this.firmwares = firmwares;
        this.mqttTlsPort = properties.mqtt().tlsPort();
    }

    /** "Return a compact list of devices visible to the authenticated user": all of them, unpaged, as the page shows. */
    @GetMapping
    IotBackendBodies.Data<List<IotBackendDevice>> list(Caller caller) {
        List<Platform> catalogue = platforms.platforms();
        return new IotBackendBodies.Data<>(visibleDevices(caller).stream()
                .map(device -> IotBackendMapping.summary(device, catalogue, presence.status(caller, device.deviceId())))
                .toList());
    }

    @GetMapping("/{uid}")
    IotBackendBodies.Data<IotBackendDeviceDetail> get(Caller caller, @PathVariable String uid) {
        return new IotBackendBodies.Data<>(detail(caller, devices.getByUid(caller, uid)));
    }

    /** "Update editable device fields": name and description; answers the full detail. Other fields are ignored. */
    @PatchMapping("/{uid}")
    IotBackendBodies.Data<IotBackendDeviceDetail> update(Caller caller, @PathVariable String uid,
            @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.invalid("The request body must be a JSON object.");
        }
        Optional<String> name = text(body, "name");
        Optional<String> description = text(body, "description");
        Device device = devices.getByUid(caller, uid);
        Device updated = devices.update(caller, device.deviceId(), new DeviceService.DeviceChange(name, description,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        return new IotBackendBodies.Data<>(detail(caller, updated));
    }

    private IotBackendDeviceDetail detail(Caller caller, Device device) {
        return IotBackendMapping.detail(device, platforms.platforms(), mqttTlsPort,
                presence.status(caller, device.deviceId()), firmwares.status(caller, device.deviceId()));
    }

    private List<Device> visibleDevices(Caller caller) {
        return devices.searchAll(caller, DeviceSearch.all(SubOrganizations.INCLUDED, DeviceSearch.Sort.DEFAULT));
    }

    /** A string field, absent when missing; the Laravel-style message for any other type. */
    static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw DomainException.invalid("The " + field + " field must be a string.");
        }
        return Optional.of(value.asString());
    }
}
