package dev.moor.device;

import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/rest/v1/device-groups")
class DeviceGroupController {

    private final DeviceGroupService groups;

    DeviceGroupController(DeviceGroupService groups) {
        this.groups = groups;
    }

    record CreateGroup(String name, String clientName, String email, String telephone, Long organizationId,
            Long ownerUserId) {
    }

    record UpdateGroup(String name, String clientName, String email, String telephone) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DeviceGroup create(Caller caller, @RequestBody CreateGroup request) {
        return groups.create(caller, new DeviceGroupService.NewDeviceGroup(request.name(),
                Optional.ofNullable(request.clientName()), Optional.ofNullable(request.email()),
                Optional.ofNullable(request.telephone()),
                Optional.ofNullable(request.organizationId()).map(OrganizationId::new),
                Optional.ofNullable(request.ownerUserId()).map(UserId::new)));
    }

    @GetMapping
    Page<DeviceGroup> list(Caller caller, @RequestParam(required = false) Long organizationId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return groups.list(caller, Optional.ofNullable(organizationId).map(OrganizationId::new), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    DeviceGroup get(Caller caller, @PathVariable long id) {
        return groups.get(caller, new DeviceGroupId(id));
    }

    @PatchMapping("/{id}")
    DeviceGroup update(Caller caller, @PathVariable long id, @RequestBody UpdateGroup request) {
        return groups.update(caller, new DeviceGroupId(id), new DeviceGroupService.DeviceGroupChange(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.clientName()),
                Optional.ofNullable(request.email()), Optional.ofNullable(request.telephone())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        groups.delete(caller, new DeviceGroupId(id));
    }

    @GetMapping("/{id}/devices")
    Page<Device> devices(Caller caller, @PathVariable long id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return groups.devices(caller, new DeviceGroupId(id), PageRequest.of(page, size));
    }

    @PutMapping("/{id}/devices/{deviceId}")
    DeviceGroup addDevice(Caller caller, @PathVariable long id, @PathVariable long deviceId) {
        return groups.addDevice(caller, new DeviceGroupId(id), new DeviceId(deviceId));
    }

    @DeleteMapping("/{id}/devices/{deviceId}")
    DeviceGroup removeDevice(Caller caller, @PathVariable long id, @PathVariable long deviceId) {
        return groups.removeDevice(caller, new DeviceGroupId(id), new DeviceId(deviceId));
    }
}
