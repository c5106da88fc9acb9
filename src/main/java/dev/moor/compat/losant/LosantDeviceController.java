package dev.moor.compat.losant;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceSearch;
import dev.moor.device.DeviceService;
import dev.moor.export.ExportService;
import dev.moor.organization.Application;
import dev.moor.organization.ApplicationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.Page;
import dev.moor.shared.SubOrganizations;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Losant's Devices and Device resources (losant-docs docs/rest-api/devices.md and device.md) under
 * {@code /applications/{applicationId}/devices}. An application is a Moor application (each
 * organization's default one); devices are Moor devices addressed by {@link LosantIds}. Every endpoint
 * first checks the token's scopes as the page lists them, then that the application is within reach.
 */
@RestController
@RequestMapping("/applications/{applicationId}/devices")
class LosantDeviceController {

    private final ApplicationService applications;
    private final DeviceService devices;
    private final ExportService exports;
    private final LosantConnectionInfo connections;
    private final LosantApplicationDevices applicationDevices;

    LosantDeviceController(ApplicationService applications, DeviceService devices, ExportService exports,
            LosantConnectionInfo connections, LosantApplicationDevices applicationDevices) {
        this.applications = applications;
        this.devices = devices;
        this.exports = exports;
        this.connections = connections;
        this.applicationDevices = applicationDevices;
    }

    /** devices.md "Get": sorting, paging, name glob, device class and tag filters. */
    @GetMapping
    LosantDevices list(Caller caller, @PathVariable String applicationId, @RequestParam MultiValueMap<String, String> query) {
        caller.requireAnyScope(LosantScopes.DEVICES_GET);
        Application application = applications.get(caller, applicationId);
        LosantDeviceQuery parsed = LosantDeviceQuery.parse(query);
        DeviceSearch search = new DeviceSearch(Optional.empty(), parsed.tagFilters(), Optional.empty(), Optional.empty(),
                parsed.deviceClass(), Optional.of(application.organization()),
                SubOrganizations.EXCLUDED, parsed.sort()).withNameGlob(parsed.nameGlob().orElse(null));
        Page<Device> page = devices.search(caller, search, parsed.page());
        Map<DeviceId, LosantDevice.ConnectionInfo> connectionInfo = parsed.connectionInfo() == ConnectionInfoChoice.INCLUDED
                ? connections.of(page.content()) : Map.of();
        List<LosantDevice> items = page.content().stream()
                .map(device -> map(device, application, Optional.ofNullable(connectionInfo.get(device.deviceId())))).toList();
        return new LosantDevices(items, items.size(), page.totalElements(), parsed.page().size(), parsed.page().page(),
                parsed.filter().orElse(null), parsed.filterField().orElse(null), parsed.sortField(),
                parsed.sortDirection(), application.id(), parsed.deviceClassWire().orElse(null),
                parsed.tagFilterEcho().orElse(null));
    }

    /** devices.md "Post": a Device Post body; 201 with the new Device. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LosantDevice create(Caller caller, @PathVariable String applicationId, @RequestBody JsonNode body) {
        caller.requireAnyScope(LosantScopes.DEVICES_POST);
        Application application = applications.get(caller, applicationId);
        LosantDeviceBody device = LosantDeviceBody.post(body);
        Device created = devices.create(caller, new DeviceService.NewDevice(device.name().orElseThrow(), null,
                Optional.of(application.organization()), Optional.empty(), device.description(),
                device.tags().orElse(List.of()), device.attributes().orElse(List.of()), device.deviceClass(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return map(created, application, Optional.of(connections.of(created)));
    }

    /**
     * devices.md "Export": starts Moor's background device export and answers {@code {"success": true}}
     * at once. {@code email} and {@code callbackUrl} come as query parameters (the page's table; client
     * 2.8.1 sends them so) or in the JSON body (later clients' Devices Export Post).
     */
    @PostMapping("/export")
    LosantSuccess export(Caller caller, @PathVariable String applicationId,
            @RequestParam(required = false) String email, @RequestParam(required = false) String callbackUrl,
            @RequestBody(required = false) JsonNode body) {
        caller.requireAnyScope(LosantScopes.DEVICES_EXPORT);
        Application application = applications.get(caller, applicationId);
        JsonNode options = exportOptions(body);
        exports.startDeviceExport(caller, new ExportService.ExportRequest(Optional.of(application.organization()),
                Optional.ofNullable(email).or(() -> stringProperty(options, "email")),
                Optional.ofNullable(callbackUrl).or(() -> stringProperty(options, "callbackUrl"))));
        return LosantSuccess.TRUE;
    }

    /** device.md "Get". */
    @GetMapping("/{deviceId}")
    LosantDevice get(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestParam(required = false) String excludeConnectionInfo) {
        caller.requireAnyScope(LosantScopes.DEVICE_GET);
        Application application = applications.get(caller, applicationId);
        Device device = applicationDevices.get(caller, application, deviceId);
        return map(device, application, ConnectionInfoChoice.of(excludeConnectionInfo) == ConnectionInfoChoice.INCLUDED
                ? Optional.of(connections.of(device)) : Optional.empty());
    }

    /** device.md "Patch": a Device Patch body; given tags or attributes replace the old ones. */
    @PatchMapping("/{deviceId}")
    LosantDevice patch(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId,
            @RequestBody JsonNode body) {
        caller.requireAnyScope(LosantScopes.DEVICE_PATCH);
        Application application = applications.get(caller, applicationId);
        Device device = applicationDevices.get(caller, application, deviceId);
        LosantDeviceBody change = LosantDeviceBody.patch(body);
        Device updated = devices.update(caller, device.deviceId(), new DeviceService.DeviceChange(change.name(),
                change.description(), change.tags(), change.attributes(), change.deviceClass(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        return map(updated, application, Optional.of(connections.of(updated)));
    }

    /** device.md "Delete": 200 {@code {"success": true}}. */
    @DeleteMapping("/{deviceId}")
    LosantSuccess delete(Caller caller, @PathVariable String applicationId, @PathVariable String deviceId) {
        caller.requireAnyScope(LosantScopes.DEVICE_DELETE);
        Application application = applications.get(caller, applicationId);
        devices.delete(caller, applicationDevices.get(caller, application, deviceId).deviceId());
        return LosantSuccess.TRUE;
    }

    private static LosantDevice map(Device device, Application application, Optional<LosantDevice.ConnectionInfo> connectionInfo) {
        String id = LosantIds.of(device.deviceId());
        return new LosantDevice(id, id, application.id(), LosantDates.format(device.createdAt()),
                LosantDates.format(device.updatedAt()), device.name(),
                device.description() == null ? "" : device.description(),
                device.tags().stream().map(tag -> new LosantDevice.Tag(tag.key(), tag.value())).toList(),
                device.attributes().stream().map(a -> new LosantDevice.Attribute(a.name(), a.dataType())).toList(),
                device.deviceClass().wire(),
                connectionInfo.orElse(null));
    }

    /** The optional export body: an object with {@code email} and {@code callbackUrl} at most. */
    private static JsonNode exportOptions(JsonNode body) {
        if (body == null || body.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw DomainException.invalid("The body must be a JSON object.");
        }
        for (String property : body.propertyNames()) {
            if (!property.equals("email") && !property.equals("callbackUrl")) {
                throw DomainException.invalid("Moor does not support the export property " + property + ".");
            }
        }
        return body;
    }

    private static Optional<String> stringProperty(JsonNode body, String property) {
        JsonNode value = body.get(property);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw DomainException.invalid(property + " must be a string.");
        }
        return Optional.of(value.asString());
    }

    /** Whether a Device carries its connectionInfo ({@code excludeConnectionInfo}, devices.md "Get"). */
    enum ConnectionInfoChoice {
        INCLUDED, EXCLUDED;

        /** "If set, do not return connection info": any value but false or 0 excludes it. */
        static ConnectionInfoChoice of(String excludeConnectionInfo) {
            if (excludeConnectionInfo == null || excludeConnectionInfo.equalsIgnoreCase("false")
                    || excludeConnectionInfo.equals("0")) {
                return INCLUDED;
            }
            return EXCLUDED;
        }
    }
}
