package dev.moor.command;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.moor.device.DeviceClass;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceSearch;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.SubOrganizations;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class CommandController {

    private final CommandService commands;

    CommandController(CommandService commands) {
        this.commands = commands;
    }

    record SendCommand(String name, JsonNode payload, String whenOffline, Long ttlSeconds, JsonNode time) {
    }

    /** Options of a built-in command or a button send; the body may be left out. */
    record SendOptions(String whenOffline, Long ttlSeconds) {
    }

    record CreateButton(String id, String label, JsonNode payload, Boolean confirm) {
    }

    record TagFilter(String key, JsonNode value) {
    }

    record DeviceQuery(String text, String templateId, String deviceClass, List<TagFilter> tags,
            Boolean includeSubOrganizations) {
    }

    record SendToMany(String name, JsonNode payload, JsonNode time, List<Long> deviceIds, List<TagFilter> deviceTags,
            DeviceQuery deviceQuery, String whenOffline, Long ttlSeconds) {
    }

    @PostMapping("/rest/v1/devices/{id}/commands")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Command send(Caller caller, @PathVariable long id, @RequestBody SendCommand request) {
        return commands.send(caller, new DeviceId(id), new CommandService.NewCommand(request.name(), request.payload(),
                WhenOffline.parse(request.whenOffline()), ttl(request.ttlSeconds()), time(request.time())));
    }

    @GetMapping("/rest/v1/devices/{id}/commands")
    Page<Command> history(Caller caller, @PathVariable long id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return commands.history(caller, new DeviceId(id), PageRequest.of(page, size));
    }

    @GetMapping("/rest/v1/devices/{id}/commands/{commandId}")
    Command get(Caller caller, @PathVariable long id, @PathVariable String commandId) {
        return commands.get(caller, new DeviceId(id), CommandId.parse(commandId));
    }

    @PostMapping("/rest/v1/devices/{id}/reboot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Command reboot(Caller caller, @PathVariable long id, @RequestBody(required = false) SendOptions options) {
        return builtIn(caller, id, BuiltInCommand.REBOOT, options);
    }

    @PostMapping("/rest/v1/devices/{id}/wifi-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Command wifiReset(Caller caller, @PathVariable long id, @RequestBody(required = false) SendOptions options) {
        return builtIn(caller, id, BuiltInCommand.WIFI_RESET, options);
    }

    @GetMapping("/rest/v1/devices/{id}/command-buttons")
    List<CommandButton> buttons(Caller caller, @PathVariable long id) {
        return commands.buttons(caller, new DeviceId(id));
    }

    @PostMapping("/rest/v1/devices/{id}/command-buttons")
    @ResponseStatus(HttpStatus.CREATED)
    CommandButton createButton(Caller caller, @PathVariable long id, @RequestBody CreateButton request) {
        return commands.createButton(caller, new DeviceId(id), request.id(), request.label(), request.payload(),
                Boolean.TRUE.equals(request.confirm()));
    }

    @DeleteMapping("/rest/v1/devices/{id}/command-buttons/{buttonId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteButton(Caller caller, @PathVariable long id, @PathVariable String buttonId) {
        commands.deleteButton(caller, new DeviceId(id), buttonId);
    }

    @PostMapping("/rest/v1/devices/{id}/command-buttons/{buttonId}/send")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Command sendButton(Caller caller, @PathVariable long id, @PathVariable String buttonId,
            @RequestBody(required = false) SendOptions options) {
        SendOptions chosen = options == null ? new SendOptions(null, null) : options;
        return commands.sendButton(caller, new DeviceId(id), buttonId, WhenOffline.parse(chosen.whenOffline()),
                ttl(chosen.ttlSeconds()));
    }

    @PostMapping("/rest/v1/command-batches")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CommandBatch sendToMany(Caller caller, @RequestBody SendToMany request) {
        return commands.sendToMany(caller, new CommandService.ManyDeviceCommand(request.name(), request.payload(),
                time(request.time()),
                Optional.ofNullable(request.deviceIds()).orElse(List.of()).stream().map(DeviceId::new).toList(),
                tags(request.deviceTags()), Optional.ofNullable(request.deviceQuery()).map(CommandController::search),
                WhenOffline.parse(request.whenOffline()), ttl(request.ttlSeconds())));
    }

    @GetMapping("/rest/v1/command-batches/{batchId}")
    CommandBatch getBatch(Caller caller, @PathVariable UUID batchId) {
        return commands.getBatch(caller, batchId);
    }

    private Command builtIn(Caller caller, long id, BuiltInCommand builtIn, SendOptions options) {
        SendOptions chosen = options == null ? new SendOptions(null, null) : options;
        return commands.sendBuiltIn(caller, new DeviceId(id), builtIn, null, WhenOffline.parse(chosen.whenOffline()),
                ttl(chosen.ttlSeconds()));
    }

    private static DeviceSearch search(DeviceQuery query) {
        return new DeviceSearch(Optional.ofNullable(query.text()), tags(query.tags()), Optional.empty(),
                Optional.ofNullable(query.templateId()), Optional.ofNullable(query.deviceClass()).map(DeviceClass::fromWire),
                Optional.empty(), SubOrganizations.included(query.includeSubOrganizations()), DeviceSearch.Sort.DEFAULT);
    }

    /** Tag values may come as numbers too, as in Losant's own Multi Device Command example. */
    private static List<DeviceSearch.TagFilter> tags(List<TagFilter> tags) {
        return Optional.ofNullable(tags).orElse(List.of()).stream().map(tag -> {
            if (tag == null || tag.key() == null && (tag.value() == null || tag.value().isNull())) {
                throw DomainException.invalid("Each tag filter needs a key, a value or both.");
            }
            String value = tag.value() == null || tag.value().isNull() ? null
                    : tag.value().isValueNode() ? tag.value().asString() : null;
            if (tag.value() != null && !tag.value().isNull() && !tag.value().isValueNode()) {
                throw DomainException.invalid("A tag value must be a string or a number.");
            }
            return new DeviceSearch.TagFilter(tag.key(), value);
        }).toList();
    }

    private static Optional<Duration> ttl(Long seconds) {
        return Optional.ofNullable(seconds).map(Duration::ofSeconds);
    }

    /** An ISO-8601 instant, epoch milliseconds, or {"$date": ISO-8601} (the forms Losant accepts for "time"). */
    private static Optional<Instant> time(JsonNode time) {
        if (time == null || time.isNull()) {
            return Optional.empty();
        }
        try {
            if (time.isNumber()) {
                return Optional.of(Instant.ofEpochMilli(time.asLong()));
            }
            if (time.isString()) {
                return Optional.of(Instant.parse(time.asString()));
            }
            if (time.isObject() && time.path("$date").isString()) {
                return Optional.of(Instant.parse(time.get("$date").asString()));
            }
        } catch (DateTimeParseException malformed) {
            // reported below
        }
        throw DomainException.invalid("time must be an ISO-8601 instant, epoch milliseconds or {\"$date\": ...}.");
    }
}
