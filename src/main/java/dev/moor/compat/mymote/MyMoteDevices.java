package dev.moor.compat.mymote;

import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.shared.Caller;

/** How MyMote's {@code {deviceid}} path segment names a device. */
final class MyMoteDevices {

    private MyMoteDevices() {
    }

    /**
     * The docs do not say whether {@code deviceid} is DEVICE's {@code id} or its {@code device_id}, so both are
     * taken: digits are Moor's device id, anything else its uid. DEVICE_NOT_FOUND for a device out of sight.
     */
    static Device find(DeviceService devices, Caller caller, String deviceid) {
        if (deviceid.matches("[0-9]{1,18}")) {
            return devices.get(caller, new DeviceId(Long.parseLong(deviceid)));
        }
        return devices.getByUid(caller, deviceid);
    }
}
