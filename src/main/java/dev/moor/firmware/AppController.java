package dev.moor.firmware;

import java.util.List;

import dev.moor.device.DeviceId;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class AppController {

    private final AppService apps;

    AppController(AppService apps) {
        this.apps = apps;
    }

    record CreateApp(String name) {
    }

    record SetAppTarget(Long appId, Long appVersionId) {
    }

    @PostMapping("/rest/v1/apps")
    @ResponseStatus(HttpStatus.CREATED)
    App create(Caller caller, @RequestBody CreateApp request) {
        return apps.create(caller, request.name());
    }

    @GetMapping("/rest/v1/apps")
    List<App> list(Caller caller) {
        return apps.list(caller);
    }

    @GetMapping("/rest/v1/apps/{appId}")
    App get(Caller caller, @PathVariable long appId) {
        return apps.get(caller, appId);
    }

    @DeleteMapping("/rest/v1/apps/{appId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long appId) {
        apps.delete(caller, appId);
    }

    @PostMapping(path = "/rest/v1/apps/{appId}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    AppVersion upload(Caller caller, @PathVariable long appId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String version, @RequestParam(required = false) String notes,
            @RequestPart(name = "file", required = false) MultipartFile file) {
        return apps.upload(caller, appId, new FirmwareService.NewFirmware(name, version, notes, FirmwareController.upload(file)));
    }

    @GetMapping("/rest/v1/apps/{appId}/versions")
    List<AppVersion> versions(Caller caller, @PathVariable long appId) {
        return apps.versions(caller, appId);
    }

    @DeleteMapping("/rest/v1/apps/{appId}/versions/{versionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteVersion(Caller caller, @PathVariable long appId, @PathVariable long versionId) {
        apps.deleteVersion(caller, appId, versionId);
    }

    @PostMapping("/rest/v1/devices/{id}/apps/set-target")
    AppStatus setTarget(Caller caller, @PathVariable long id, @RequestBody SetAppTarget request) {
        if (request.appId() == null || request.appVersionId() == null) {
            throw DomainException.invalid("appId and appVersionId are required.");
        }
        return apps.setTarget(caller, new DeviceId(id), request.appId(), request.appVersionId());
    }

    @GetMapping("/rest/v1/devices/{id}/app-status")
    AppStatus status(Caller caller, @PathVariable long id) {
        return apps.status(caller, new DeviceId(id));
    }
}
