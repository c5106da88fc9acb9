package dev.moor.firmware;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.moor.device.DeviceId;
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

/**
 * Firmware of a device (iotbackend's firmware flow, 004_acf27261eee54b3f.txt: upload, keep the md5,
 * set-target by md5, then trigger OTA). The {@link Caller} comes first in every method so that the token is
 * checked before a multipart body is read.
 */
@RestController
@RequestMapping("/rest/v1/devices/{id}")
class FirmwareController {

    private final FirmwareService firmwares;

    FirmwareController(FirmwareService firmwares) {
        this.firmwares = firmwares;
    }

    record SetTarget(String md5) {
    }

    record UpdateFirmware(String name, String version, String notes) {
    }

    @PostMapping(path = "/firmwares", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Firmware upload(Caller caller, @PathVariable long id, @RequestParam(required = false) String name,
            @RequestParam(required = false) String version, @RequestParam(required = false) String notes,
            @RequestPart(name = "file", required = false) MultipartFile file) {
        return firmwares.upload(caller, new DeviceId(id),
                new FirmwareService.NewFirmware(name, version, notes, upload(file)));
    }

    @GetMapping("/firmwares")
    List<Firmware> list(Caller caller, @PathVariable long id) {
        return firmwares.list(caller, new DeviceId(id));
    }

    @GetMapping("/firmwares/{firmwareId}")
    Firmware get(Caller caller, @PathVariable long id, @PathVariable long firmwareId) {
        return firmwares.get(caller, new DeviceId(id), new FirmwareId(firmwareId));
    }

    @PatchMapping("/firmwares/{firmwareId}")
    Firmware update(Caller caller, @PathVariable long id, @PathVariable long firmwareId,
            @RequestBody UpdateFirmware request) {
        return firmwares.update(caller, new DeviceId(id), new FirmwareId(firmwareId), new FirmwareService.FirmwareChange(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.version()),
                Optional.ofNullable(request.notes())));
    }

    @DeleteMapping("/firmwares/{firmwareId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id, @PathVariable long firmwareId) {
        firmwares.delete(caller, new DeviceId(id), new FirmwareId(firmwareId));
    }

    @PostMapping("/firmwares/set-target")
    FirmwareStatus setTarget(Caller caller, @PathVariable long id, @RequestBody SetTarget request) {
        return firmwares.setTarget(caller, new DeviceId(id), request.md5());
    }

    @DeleteMapping("/firmwares/target")
    FirmwareStatus clearTarget(Caller caller, @PathVariable long id) {
        return firmwares.clearTarget(caller, new DeviceId(id));
    }

    @GetMapping("/firmware-status")
    FirmwareStatus status(Caller caller, @PathVariable long id) {
        return firmwares.status(caller, new DeviceId(id));
    }

    static FirmwareService.Upload upload(MultipartFile file) {
        if (file == null) {
            return null;
        }
        try {
            return new FirmwareService.Upload(file.getContentType(), file.getInputStream());
        } catch (IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "file could not be read.");
        }
    }
}
