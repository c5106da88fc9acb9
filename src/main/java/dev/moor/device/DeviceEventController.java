package dev.moor.device;

import java.time.Instant;
import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeviceEventController {

    private final DeviceEventService events;

    DeviceEventController(DeviceEventService events) {
        this.events = events;
    }

    record TriggerEvent(String code, String description) {
    }

    /** What was raised: {@code muted} is true when the event's notification schedule did not allow it now. */
    record RaisedEvent(String code, String name, Template.EventLevel level, String description, boolean muted,
            Long userId, Instant at) {
    }

    /** Raises an event of the device's template, as a user action. */
    @PostMapping("/rest/v1/devices/{id}/events")
    @ResponseStatus(HttpStatus.CREATED)
    RaisedEvent trigger(Caller caller, @PathVariable long id, @RequestBody TriggerEvent request) {
        DeviceEventRaised raised = events.trigger(caller, new DeviceId(id), request.code(),
                Optional.ofNullable(request.description()));
        return new RaisedEvent(raised.code(), raised.name(), raised.level(), raised.description().orElse(null),
                raised.muted(), raised.by().map(UserId::value).orElse(null), raised.at());
    }
}
