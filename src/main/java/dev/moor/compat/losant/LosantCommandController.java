package dev.moor.compat.losant;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moor.command.Command;
import dev.moor.command.CommandService;
import dev.moor.command.WhenOffline;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceSearch;
import dev.moor.organization.Application;
import dev.moor.organization.ApplicationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.PageRequest;
import dev.moor.shared.SubOrganizations;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Commands in the Losant dialect, through Moor's command service: devices.md "Send Command" (a Multi Device
 * Command to devices chosen by tags or ids) and device.md "Send Command" / "Get Command". Losant delivers a
 * command only to a device that is connected, so Moor sends with {@link WhenOffline#REJECT}: an offline
 * device's command is recorded as failed, never queued. Sending answers at once; delivery runs in the background.
 */
@RestController
@RequestMapping("/applications/{applicationId}/devices")
class LosantCommandController {

    private static final Pattern TAG_KEY = Pattern.compile("^[0-9a-zA-Z_-]{1,255}$");
    private static final Set<String> MULTI_PROPERTIES = Set.of("time", "name", "payload", "deviceTags", "deviceIds");
    private static final Set<String> SINGLE_PROPERTIES = Set.of("time", "name", "payload");
    private static final int MAX_LIMIT = 1000;

    private final ApplicationService applications;
    private final LosantApplicationDevices devices;
    private final CommandService commands;

    LosantCommandController(ApplicationService applications, LosantApplicationDevices devices, CommandService commands) {
        this.applications = applications;
        this.devices = devices;
        this.commands = commands;
    }

    /**
     * devices.md "Send Command": {@code {time?, name, payload?, deviceTags?, deviceIds?}}; the devices of this
     * application that carry every tag pair (either part may be missing), and the named ones. A tag value may
     * be a number, as the page's own example has it ({@code "value": 8}).
     */
    @PostMapping("/command")
    LosantSuccess sendToMany(Caller caller, @PathVariable String applicationId, @RequestBody JsonNode body) {
        caller.requireAnyScope(LosantScopes.DEVICES_SEND_COMMAND);
        Application application = applications.get(caller, applicationId);
        Parsed command = parse(body, MULTI_PROPERTIES);
        List<DeviceId> ids = new ArrayList<>();
        JsonNode deviceIds = body.get("deviceIds");
        if (deviceIds != null) {
            if (!deviceIds.isArray() || deviceIds.size() > 1000) {
                throw DomainException.invalid("deviceIds must be an array of at most 1000 device ids.");
            }
            for (JsonNode id : deviceIds) {
                if (!id.isString() || !LosantIds.isObjectId(id.asString())) {
                    throw DomainException.invalid("Each of deviceIds must be a 24-character hexadecimal id.");
                }
                ids.add(devices.get(caller, application, id.asString()).deviceId());
            }
        }
        List<DeviceSearch.TagFilter> tags = tags(body.get("deviceTags"));
        if (ids.isEmpty() && tags.isEmpty()) {
            throw DomainException.invalid("Give deviceTags or deviceIds.");
        }
        // Tags choose among this application's devices only.
        Optional<DeviceSearch> byTags = tags.isEmpty() ? Optional.empty()
                : Optional.of(new DeviceSearch(Optional.empty(), tags, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(application.organization()), SubOrganizations.EXCLUDED, DeviceSearch.Sort.DEFAULT));
        commands.sendToMany(caller, new CommandService.ManyDeviceCommand(command.name(), command.payload(), command.time(),
                ids, List.of(), byTags, WhenOffline.REJECT, Optional.empty()));
        return LosantSuccess.TRUE;
    }

    /** device.md "Send Command": a Device Command {@code {time?, name, payload?}}; 200 {@code {"success": true}}. */
    @PostMapping("/{deviceId}/command")
    LosantSuccess send(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestBody JsonNode body) {
        caller.requireAnyScope(LosantScopes.DEVICE_SEND_COMMAND);
        Application application = applications.get(caller, applicationId);
        DeviceId device = devices.get(caller, application, deviceId).deviceId();
        Parsed command = parse(body, SINGLE_PROPERTIES);
        // Through the many-device path, so that an offline device's command is recorded as failed rather than refused.
        commands.sendToMany(caller, new CommandService.ManyDeviceCommand(command.name(), command.payload(), command.time(),
                List.of(device), List.of(), Optional.empty(), WhenOffline.REJECT, Optional.empty()));
        return LosantSuccess.TRUE;
    }

    /** device.md "Get Command": {@code limit} (1), {@code since} (ms since epoch), {@code sortDirection} (desc). */
    @GetMapping("/{deviceId}/command")
    List<Map<String, Object>> history(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String since,
            @RequestParam(required = false) String sortDirection) {
        caller.requireAnyScope(LosantScopes.DEVICE_GET_COMMAND);
        Application application = applications.get(caller, applicationId);
        DeviceId device = devices.get(caller, application, deviceId).deviceId();
        long max = limit == null || limit.isEmpty() ? 1 : LosantDeviceLogController.number(limit, "limit");
        if (max < 1 || max > MAX_LIMIT) {
            throw DomainException.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        Optional<Instant> from = since == null || since.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(LosantDeviceLogController.number(since, "since")));
        boolean ascending = LosantDeviceLogController.direction(sortDirection);
        // Losant orders by the command's time, which a sender may set in the past: read the newest 1000
        // commands and order those.
        PageRequest page = new PageRequest(0, MAX_LIMIT);
        Comparator<Command> byTime = Comparator.comparing(LosantCommandController::time);
        return commands.history(caller, device, page).content().stream()
                .filter(command -> from.map(start -> !time(command).isBefore(start)).orElse(true))
                .sorted(ascending ? byTime : byTime.reversed())
                .limit(max)
                .map(command -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("time", LosantDates.format(time(command)));
                    item.put("name", command.name());
                    item.put("payload", command.payload());
                    return item;
                })
                .toList();
    }

    private static Instant time(Command command) {
        return command.time() != null ? command.time() : command.createdAt();
    }

    private record Parsed(String name, JsonNode payload, Optional<Instant> time) {
    }

    private static Parsed parse(JsonNode body, Set<String> known) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("The body must be a JSON object.");
        }
        for (String property : body.propertyNames()) {
            if (!known.contains(property)) {
                throw DomainException.invalid("Moor does not support the command property " + property + ".");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isString() || name.asString().isEmpty() || name.asString().length() > 255) {
            throw DomainException.invalid("name must be a string of 1 to 255 characters.");
        }
        JsonNode payload = body.has("payload") ? body.get("payload") : JsonNodeFactory.instance.nullNode();
        return new Parsed(name.asString(), payload, time(body.get("time")));
    }

    /** Losant's command time: an ISO date string, milliseconds since the epoch, or {@code {"$date": "..."}}. */
    private static Optional<Instant> time(JsonNode time) {
        if (time == null || time.isNull()) {
            return Optional.empty();
        }
        try {
            if (time.isNumber()) {
                return Optional.of(Instant.ofEpochMilli(time.asLong()));
            }
            if (time.isString()) {
                String text = time.asString();
                return Optional.of(text.matches("^\\d+$") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text));
            }
            if (time.isObject() && time.size() == 1 && time.path("$date").isString()) {
                return Optional.of(Instant.parse(time.get("$date").asString()));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException malformed) {
            // reported below
        }
        throw DomainException.invalid("time must be an ISO 8601 date, milliseconds since the epoch, or {\"$date\": ...}.");
    }

    private static List<DeviceSearch.TagFilter> tags(JsonNode deviceTags) {
        if (deviceTags == null) {
            return List.of();
        }
        if (!deviceTags.isArray() || deviceTags.size() > 100) {
            throw DomainException.invalid("deviceTags must be an array of at most 100 {key, value} pairs.");
        }
        List<DeviceSearch.TagFilter> tags = new ArrayList<>();
        for (JsonNode tag : deviceTags) {
            JsonNode key = tag.get("key");
            JsonNode value = tag.get("value");
            boolean keyOk = key == null || key.isString() && TAG_KEY.matcher(key.asString()).matches();
            boolean valueOk = value == null || (value.isString() || value.isNumber() || value.isBoolean())
                    && !value.asString().isEmpty() && value.asString().length() <= 255;
            if (!tag.isObject() || !keyOk || !valueOk || (key == null && value == null)
                    || tag.size() != (key == null ? 0 : 1) + (value == null ? 0 : 1)) {
                throw DomainException.invalid("Each of deviceTags is {key?, value?} with a key of letters, digits, '_' or '-'.");
            }
            tags.add(new DeviceSearch.TagFilter(key == null ? null : key.asString(), value == null ? null : value.asString()));
        }
        return tags;
    }
}
