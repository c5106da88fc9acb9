package dev.moor.connectivity;

import java.util.List;

import dev.moor.device.DeviceId;
import dev.moor.shared.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** Traffic per UTC day, oldest first, for today and the days before it ({@code days}, default 8). */
    @GetMapping("/stats/daily")
    List<DailyActivity> dailyStats(Caller caller, @PathVariable long id, @RequestParam(required = false) Integer days) {
        return presence.dailyActivity(caller, new DeviceId(id), days == null ? 8 : days);
    }
}
