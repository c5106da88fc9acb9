package dev.moor.compat.losant;

import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.organization.Application;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import org.springframework.stereotype.Component;

/** Resolves the {@code DEVICE_ID} of a Losant path to a Moor device of that application. */
@Component
class LosantApplicationDevices {

    private final DeviceService devices;

    LosantApplicationDevices(DeviceService devices) {
        this.devices = devices;
    }

    /**
     * A device of the application that the caller may see. Anything else, including an id that is not a
     * Losant id of a Moor device, is "Device was not found" (device.md, "Error Responses": 404).
     */
    Device get(Caller caller, Application application, String losantId) {
        DeviceId id = LosantIds.device(losantId).orElseThrow(LosantApplicationDevices::notFound);
        Device device = devices.get(caller, id);
        if (device.organizationId() != application.organizationId()) {
            throw notFound();
        }
        return device;
    }

    static DomainException notFound() {
        return new DomainException(ErrorCode.DEVICE_NOT_FOUND, "Device was not found");
    }
}
