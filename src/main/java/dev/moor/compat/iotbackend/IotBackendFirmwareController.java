package dev.moor.compat.iotbackend;

import java.io.IOException;
import java.util.List;

import dev.moor.device.Device;
import dev.moor.device.DeviceService;
import dev.moor.firmware.FirmwareId;
import dev.moor.firmware.FirmwareService;
import dev.moor.firmware.FirmwareStatus;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * iotbackend.cloud's firmware endpoints (004_acf27261eee54b3f.txt, "firmwares" and "set-target"). The
 * {@link Caller} comes first so that the token is checked before a multipart body is read.
 */
@RestController
@RequestMapping("/v1/user/devices/{uid}/firmwares")
class IotBackendFirmwareController {

    private final DeviceService devices;
    private final FirmwareService firmwares;

    IotBackendFirmwareController(DeviceService devices, FirmwareService firmwares) {
        this.devices = devices;
        this.firmwares = firmwares;
    }

    /** "Return uploaded firmwares available for this device." */
    @GetMapping
    IotBackendBodies.Data<List<IotBackendFirmware>> list(Caller caller, @PathVariable String uid) {
        Device device = devices.getByUid(caller, uid);
        return new IotBackendBodies.Data<>(firmwares.list(caller, device.deviceId()).stream()
                .map(IotBackendMapping::firmware).toList());
    }

    /**
     * "Upload a new firmware binary for the device": form fields name (required), version, notes and file
     * (the raw .bin, at most 4 MB). The page shows no status; a created resource is 201, as Laravel answers it.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    IotBackendBodies.Data<IotBackendFirmware> upload(Caller caller, @PathVariable String uid,
            @RequestParam(required = false) String name, @RequestParam(required = false) String version,
            @RequestParam(required = false) String notes,
            @RequestPart(name = "file", required = false) MultipartFile file) {
        Device device = devices.getByUid(caller, uid);
        return new IotBackendBodies.Data<>(IotBackendMapping.firmware(firmwares.upload(caller, device.deviceId(),
                new FirmwareService.NewFirmware(name, version, notes, upload(file)))));
    }

    /** "Update editable firmware metadata": name, version and notes; returns the updated firmware object. */
    @PatchMapping("/{firmwareId}")
    IotBackendBodies.Data<IotBackendFirmware> update(Caller caller, @PathVariable String uid,
            @PathVariable long firmwareId, @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.invalid("The request body must be a JSON object.");
        }
        FirmwareService.FirmwareChange change = new FirmwareService.FirmwareChange(
                IotBackendDeviceController.text(body, "name"), IotBackendDeviceController.text(body, "version"),
                IotBackendDeviceController.text(body, "notes"));
        Device device = devices.getByUid(caller, uid);
        return new IotBackendBodies.Data<>(IotBackendMapping.firmware(
                firmwares.update(caller, device.deviceId(), new FirmwareId(firmwareId), change)));
    }

    /** "Delete a firmware file if it is not currently in use." */
    @DeleteMapping("/{firmwareId}")
    IotBackendBodies.Message delete(Caller caller, @PathVariable String uid, @PathVariable long firmwareId) {
        Device device = devices.getByUid(caller, uid);
        firmwares.delete(caller, device.deviceId(), new FirmwareId(firmwareId));
        return new IotBackendBodies.Message("Firmware deleted.");
    }

    /** "Assign a target firmware to the device using firmware md5." */
    @PostMapping("/set-target")
    IotBackendBodies.TargetMessage setTarget(Caller caller, @PathVariable String uid, @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.invalid("The request body must be a JSON object.");
        }
        String md5 = IotBackendDeviceController.text(body, "md5")
                .orElseThrow(() -> DomainException.invalid("The md5 field is required."));
        Device device = devices.getByUid(caller, uid);
        FirmwareStatus status = firmwares.setTarget(caller, device.deviceId(), md5);
        return new IotBackendBodies.TargetMessage("Firmware assigned to device.", device.uid(), status.target().md5());
    }

    private static FirmwareService.Upload upload(MultipartFile file) {
        if (file == null) {
            return null;
        }
        try {
            return new FirmwareService.Upload(file.getContentType(), file.getInputStream());
        } catch (IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The file could not be read.");
        }
    }
}
