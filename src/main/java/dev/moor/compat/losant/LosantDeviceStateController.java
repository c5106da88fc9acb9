package dev.moor.compat.losant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.moor.device.Device;
import dev.moor.organization.Application;
import dev.moor.organization.ApplicationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.PageRequest;
import dev.moor.telemetry.DatastreamValue;
import dev.moor.telemetry.TelemetryService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * device.md "Send State" and "Get State", backed by Moor's datastream values: each attribute of a Losant
 * state is a datastream of the device, and a state is the set of values stored with one timestamp.
 */
@RestController
@RequestMapping("/applications/{applicationId}/devices/{deviceId}/state")
class LosantDeviceStateController {

    /** device.md "Get State": {@code limit} defaults to 1; Moor answers at most this many. */
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_STATES = 100;
    /** Device State (schemas.md): data keys are attribute names. */
    private static final Pattern ATTRIBUTE = Pattern.compile("^[0-9a-zA-Z_-]{1,255}$");
    private static final Set<String> STATE_PROPERTIES = Set.of("time", "data", "meta", "flowVersion");

    private final ApplicationService applications;
    private final LosantApplicationDevices devices;
    private final TelemetryService telemetry;

    LosantDeviceStateController(ApplicationService applications, LosantApplicationDevices devices, TelemetryService telemetry) {
        this.applications = applications;
        this.devices = devices;
        this.telemetry = telemetry;
    }

    /**
     * A Device State or an array of them: {@code {time?, data: {attribute: number|string|boolean}, meta?,
     * flowVersion?}}. Every attribute must be declared on the device (Losant stores only declared ones);
     * everything is checked before anything is stored. Moor stamps a state with the time it arrives:
     * {@code time} is accepted but not used. Needs ORG_DEVICES_CONTROL.
     */
    @PostMapping
    LosantSuccess send(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestBody JsonNode body) {
        caller.requireAnyScope(LosantScopes.DEVICE_SEND_STATE);
        Application application = applications.get(caller, applicationId);
        Device device = devices.get(caller, application, deviceId);
        List<JsonNode> states = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(states::add);
        } else {
            states.add(body);
        }
        if (states.isEmpty() || states.size() > MAX_STATES) {
            throw DomainException.invalid("Send 1 to " + MAX_STATES + " states.");
        }
        Set<String> declared = device.attributes().stream().map(Device.Attribute::name).collect(Collectors.toSet());
        List<Map<String, JsonNode>> values = states.stream().map(state -> data(state, declared)).toList();
        for (Map<String, JsonNode> state : values) {
            telemetry.writeAll(caller, device.deviceId(), state);
        }
        return LosantSuccess.TRUE;
    }

    /** {@code limit} (1), {@code since} (ms since epoch; default: the last 24 hours) and {@code sortDirection} (desc). */
    @GetMapping
    List<Map<String, Object>> get(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String since,
            @RequestParam(required = false) String sortDirection) {
        caller.requireAnyScope(LosantScopes.DEVICE_GET_STATE);
        Application application = applications.get(caller, applicationId);
        Device device = devices.get(caller, application, deviceId);
        long max = limit == null || limit.isEmpty() ? 1 : LosantDeviceLogController.number(limit, "limit");
        if (max < 1 || max > MAX_LIMIT) {
            throw DomainException.invalid("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        Instant from = since == null || since.isEmpty() ? null : Instant.ofEpochMilli(LosantDeviceLogController.number(since, "since"));
        boolean ascending = LosantDeviceLogController.direction(sortDirection);
        PageRequest page = new PageRequest(0, ascending ? MAX_LIMIT : (int) max);
        Map<Instant, Map<String, JsonNode>> byTime = new TreeMap<>();
        for (DatastreamValue latest : telemetry.latest(caller, device.deviceId())) {
            for (DatastreamValue.Sample sample : telemetry.history(caller, device.deviceId(), latest.name(), from, null, page).content()) {
                byTime.computeIfAbsent(sample.ts(), time -> new TreeMap<>()).put(latest.name(), sample.value());
            }
        }
        Comparator<Map.Entry<Instant, Map<String, JsonNode>>> order = Map.Entry.comparingByKey();
        return byTime.entrySet().stream()
                .sorted(ascending ? order : order.reversed())
                .limit(max)
                .map(entry -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("time", LosantDates.format(entry.getKey()));
                    state.put("data", entry.getValue());
                    return state;
                })
                .toList();
    }

    private static Map<String, JsonNode> data(JsonNode state, Set<String> declared) {
        if (!state.isObject()) {
            throw DomainException.invalid("A state must be a JSON object.");
        }
        for (String property : state.propertyNames()) {
            if (!STATE_PROPERTIES.contains(property)) {
                throw DomainException.invalid("A state has no property " + property + ".");
            }
        }
        JsonNode data = state.get("data");
        if (data == null || !data.isObject() || data.isEmpty()) {
            throw DomainException.invalid("A state needs a data object with at least one attribute.");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (String attribute : data.propertyNames()) {
            JsonNode value = data.get(attribute);
            if (!ATTRIBUTE.matcher(attribute).matches() || !(value.isNumber() || value.isString() || value.isBoolean())) {
                throw DomainException.invalid("State data maps attribute names to numbers, strings or booleans.");
            }
            if (!declared.contains(attribute)) {
                throw DomainException.invalid("The device has no attribute " + attribute + "; declare it first.");
            }
            values.put(attribute, value);
        }
        return values;
    }
}
