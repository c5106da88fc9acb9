package dev.moor.compat.mymote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.moor.auth.WebApiKeyService;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.Device;
import dev.moor.device.DeviceGroup;
import dev.moor.device.DeviceGroupId;
import dev.moor.device.DeviceGroupService;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceSearch;
import dev.moor.device.DeviceService;
import dev.moor.device.Platform;
import dev.moor.device.PlatformService;
import dev.moor.firmware.App;
import dev.moor.firmware.AppService;
import dev.moor.firmware.AppVersion;
import dev.moor.firmware.FirmwareService;
import dev.moor.firmware.FirmwareStatus;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.SubOrganizations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Iomote MyMote's REST devices and groups APIs (000_653a1bc248848322.txt) under
 * {@code /api/user/{userid}/{webapi_key}/}: the user id and that user's web API key authenticate every call.
 */
@RestController
@RequestMapping("/api/user/{userid}/{webapiKey}")
class MyMoteDeviceController {

    private final WebApiKeyService keys;
    private final DeviceService devices;
    private final DeviceGroupService groups;
    private final PlatformService platforms;
    private final PresenceService presence;
    private final FirmwareService firmwares;
    private final AppService apps;

    MyMoteDeviceController(WebApiKeyService keys, DeviceService devices, DeviceGroupService groups,
            PlatformService platforms, PresenceService presence, FirmwareService firmwares, AppService apps) {
        this.keys = keys;
        this.presence = presence;
        this.firmwares = firmwares;
        this.apps = apps;
        this.devices = devices;
        this.groups = groups;
        this.platforms = platforms;
    }

    /** "Get all devices with connection status": {@code [DEVICEST, …]}. */
    @GetMapping("/devices")
    List<MyMoteBodies.DeviceWithStatus> devices(@PathVariable String userid, @PathVariable String webapiKey) {
        Caller caller = keys.authenticate(userid, webapiKey);
        return withStatus(caller, visibleDevices(caller));
    }

    /** "Get a device with connection status": an array of one DEVICEST, as the docs give the result. */
    @GetMapping("/devices/{deviceid}")
    List<MyMoteBodies.DeviceWithStatus> device(@PathVariable String userid, @PathVariable String webapiKey,
            @PathVariable String deviceid) {
        Caller caller = keys.authenticate(userid, webapiKey);
        return withStatus(caller, List.of(device(caller, deviceid)));
    }

    /** "Get a device connection status": DEVICESTATUS. */
    @GetMapping("/devices/{deviceid}/status")
    MyMoteBodies.DeviceStatus status(@PathVariable String userid, @PathVariable String webapiKey,
            @PathVariable String deviceid) {
        Caller caller = keys.authenticate(userid, webapiKey);
        return new MyMoteBodies.DeviceStatus(
                MyMoteMapping.connectionState(presence.isOnline(device(caller, deviceid).deviceId())));
    }

    /** "Get a device activity statistics": DEVICESTATS. */
    @GetMapping("/devices/{deviceid}/stat")
    MyMoteDeviceStats stats(@PathVariable String userid, @PathVariable String webapiKey, @PathVariable String deviceid) {
        Caller caller = keys.authenticate(userid, webapiKey);
        Device device = device(caller, deviceid);
        return MyMoteDeviceStats.of(device.id(), presence.activity(caller, device.deviceId()),
                presence.dailyActivity(caller, device.deviceId(), MyMoteDeviceStats.DAYS));
    }

    /** "Get all devices from a group": {@code [DEVICE, …]}. */
    @GetMapping("/devices/group/{groupid}")
    List<MyMoteDevice> groupDevices(@PathVariable String userid, @PathVariable String webapiKey,
            @PathVariable String groupid) {
        Caller caller = keys.authenticate(userid, webapiKey);
        DeviceGroupId group = groupId(groupid);
        List<Device> members = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<Device> batch = groups.devices(caller, group, new PageRequest(page, PageRequest.MAX_SIZE));
            members.addAll(batch.content());
            if (batch.content().size() < PageRequest.MAX_SIZE) {
                break;
            }
        }
        List<Platform> catalogue = platforms.platforms();
        Map<Long, String> appNames = appNames(caller);
        return members.stream().map(device -> MyMoteMapping.device(device, Optional.of(group), catalogue,
                running(caller, device, appNames))).toList();
    }

    /** The group APIs' "Get all groups": {@code [GROUP, …]}. */
    @GetMapping("/groups")
    List<MyMoteBodies.Group> groups(@PathVariable String userid, @PathVariable String webapiKey) {
        Caller caller = keys.authenticate(userid, webapiKey);
        List<DeviceGroup> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<DeviceGroup> batch = groups.list(caller, Optional.empty(), new PageRequest(page, PageRequest.MAX_SIZE));
            all.addAll(batch.content());
            if (batch.content().size() < PageRequest.MAX_SIZE) {
                return all.stream().map(MyMoteMapping::group).toList();
            }
        }
    }

    private List<MyMoteBodies.DeviceWithStatus> withStatus(Caller caller, List<Device> found) {
        Map<DeviceId, DeviceGroupId> groupOf = groups.groupsOf(found);
        List<Platform> catalogue = platforms.platforms();
        Map<Long, String> appNames = appNames(caller);
        return found.stream().map(device -> MyMoteMapping.withStatus(device,
                Optional.ofNullable(groupOf.get(device.deviceId())), catalogue, running(caller, device, appNames)))
                .toList();
    }

    private MyMoteMapping.Running running(Caller caller, Device device, Map<Long, String> appNames) {
        FirmwareStatus firmware = firmwares.status(caller, device.deviceId());
        AppVersion app = apps.status(caller, device.deviceId()).current();
        return new MyMoteMapping.Running(presence.isOnline(device.deviceId()), firmware.currentVersion(),
                app == null ? null : appNames.get(app.appId()), app == null ? null : app.version());
    }

    private Map<Long, String> appNames(Caller caller) {
        return apps.list(caller).stream().collect(Collectors.toMap(App::id, App::name));
    }

    private Device device(Caller caller, String deviceid) {
        return MyMoteDevices.find(devices, caller, deviceid);
    }

    private static DeviceGroupId groupId(String groupid) {
        if (!groupid.matches("[0-9]{1,18}")) {
            throw new DomainException(ErrorCode.DEVICE_GROUP_NOT_FOUND, "Device group " + groupid + " was not found.");
        }
        return new DeviceGroupId(Long.parseLong(groupid));
    }

    private List<Device> visibleDevices(Caller caller) {
        return devices.searchAll(caller, DeviceSearch.all(SubOrganizations.INCLUDED, DeviceSearch.Sort.DEFAULT));
    }
}
