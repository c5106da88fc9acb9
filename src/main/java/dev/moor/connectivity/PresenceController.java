package dev.moor.connectivity;

import dev.moor.device.DeviceId;
import dev.moor.shared.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/rest/v1/devices/{id}")
class PresenceController {

    private final PresenceService presence;

    PresenceController(PresenceService presence) {
        this.presence = presence;
    }

    @GetMapping("/status")
    DeviceStatus status(Caller caller, @PathVariable long id) {
        return presence.status(caller, new DeviceId(id));
    }

    @GetMapping("/stats")
    DeviceActivity stats(Caller caller, @PathVariable long id) {
        return presence.activity(caller, new DeviceId(id));
    }
}
