package dev.moor.compat.blynk;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import dev.moor.auth.User;
import dev.moor.auth.UserService;
import dev.moor.compat.blynk.BlynkRequests.BlynkDeviceUpdate;
import dev.moor.compat.blynk.BlynkRequests.BlynkMetaFieldUpdate;
import dev.moor.compat.blynk.BlynkRequests.BlynkNewDevice;
import dev.moor.compat.blynk.BlynkRequests.BlynkTransferToOrganization;
import dev.moor.compat.blynk.BlynkRequests.BlynkTransferToOwner;
import dev.moor.compat.blynk.BlynkRequests.BlynkTriggerEvent;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.Device;
import dev.moor.device.DeviceEventService;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceSearch;
import dev.moor.device.DeviceService;
import dev.moor.device.Template;
import dev.moor.device.TemplateService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.SubOrganizations;
import dev.moor.shared.UserId;
import dev.moor.telemetry.DatastreamLog;
import dev.moor.telemetry.TelemetryService;
import dev.moor.telemetry.TimelineEntry;
import dev.moor.telemetry.TimelineService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The Blynk.Cloud organization device API (003_b4fc07689aea9168.txt): paths, verbs, parameters and
 * bodies as the page gives them, every id a query parameter. Each handler parses, calls the core, maps.
 * The permission rules of the page are the core's own: the permission names are Blynk's (see
 * {@link dev.moor.shared.Permission}), a user-scoped token sees only its user's devices unless it holds
 * ORG_DEVICES_VIEW, and an organization-scoped token (an OAuth client's) holds its client's permissions.
 */
@RestController
@RequestMapping("/api/v1/organization")
class BlynkDeviceController {

    /** "minutes: min 1, max 60, default 5" (003_b4fc07689aea9168.txt, "Get last activated devices"). */
    private static final int MIN_MINUTES = 1;
    private static final int MAX_MINUTES = 60;
    private static final int DEFAULT_MINUTES = 5;
    /** "query: string, max 255" (003_b4fc07689aea9168.txt, "Search devices"). */
    private static final int MAX_QUERY = 255;
    /** "templateId: string, max 200" and "name: max 50" (003_b4fc07689aea9168.txt, "Create a new device"). */
    private static final int MAX_TEMPLATE_ID = 200;
    /** "newValue: string, max 200" (003_b4fc07689aea9168.txt, "Update device metadata field"). */
    private static final int MAX_META_VALUE = 200;

    private final DeviceService devices;
    private final TemplateService templates;
    private final DeviceEventService events;
    private final PresenceService presence;
    private final TelemetryService telemetry;
    private final TimelineService timeline;
    private final UserService users;

    BlynkDeviceController(DeviceService devices, TemplateService templates, DeviceEventService events,
            PresenceService presence, TelemetryService telemetry, TimelineService timeline, UserService users) {
        this.devices = devices;
        this.templates = templates;
        this.events = events;
        this.presence = presence;
        this.telemetry = telemetry;
        this.timeline = timeline;
        this.users = users;
    }

    @GetMapping("/devices")
    BlynkPage<BlynkDevice> devices(Caller caller, @RequestParam(required = false) Integer orgId,
            @RequestParam(required = false) Boolean includeSubOrgDevices, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        DeviceSearch search = new DeviceSearch(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), organization(orgId), SubOrganizations.included(includeSubOrgDevices), DeviceSearch.Sort.DEFAULT);
        return page(devices.searchOrganization(caller, search, pageRequest(page, size)));
    }

    @GetMapping("/search/devices")
    BlynkPage<BlynkDevice> search(Caller caller, @RequestParam String query, @RequestParam(required = false) String sortBy,
            @RequestParam(required = false) String sortOrder, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        if (query.length() > MAX_QUERY) {
            throw DomainException.invalid("query must have at most " + MAX_QUERY + " characters.");
        }
        DeviceSearch search = new DeviceSearch(Optional.of(query), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), SubOrganizations.EXCLUDED, sort(sortBy, sortOrder));
        return page(devices.searchOrganization(caller, search, pageRequest(page, size)));
    }

    /** Details "including current datastream values" (003_b4fc07689aea9168.txt, "Get device by ID"). */
    @GetMapping("/device")
    BlynkDeviceDetails device(Caller caller, @RequestParam Integer deviceId) {
        DeviceId id = new DeviceId(deviceId);
        Device device = devices.get(caller, id);
        return BlynkMapping.details(device, values(caller, device), devices.metafields(caller, id), templateNumbers());
    }

    @PutMapping("/device")
    BlynkDevice update(Caller caller, @RequestParam Integer deviceId, @RequestBody BlynkDeviceUpdate request) {
        Device device = devices.update(caller, new DeviceId(deviceId), DeviceService.DeviceChange.rename(request.name()));
        return BlynkMapping.device(device, templateNumbers());
    }

    @DeleteMapping("/device")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @RequestParam Integer deviceId) {
        devices.delete(caller, new DeviceId(deviceId));
    }

    @GetMapping("/device/baseInfo")
    BlynkDeviceDetails baseInfo(Caller caller, @RequestParam Integer deviceId) {
        return BlynkMapping.baseInfo(devices.get(caller, new DeviceId(deviceId)), templateNumbers());
    }

    /** 201 as in Blynk's older docs, which alone give this status (vendor-notes.md, Blynk "Endpoints"). */
    @PostMapping("/device/create")
    @ResponseStatus(HttpStatus.CREATED)
    BlynkDeviceDetails create(Caller caller, @RequestParam(required = false) Boolean baseInfoResponse,
            @RequestBody BlynkNewDevice request) {
        if (request.templateId() == null || request.templateId().isBlank() || request.templateId().length() > MAX_TEMPLATE_ID) {
            throw DomainException.invalid("templateId is required and has at most " + MAX_TEMPLATE_ID + " characters.");
        }
        Device device = devices.create(caller, new DeviceService.NewDevice(request.name(), request.templateId(),
                organization(request.orgId()), Optional.ofNullable(request.ownerId()).map(UserId::new), Optional.empty(),
                List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        if (Boolean.TRUE.equals(baseInfoResponse)) {
            return BlynkMapping.baseInfo(device, templateNumbers());
        }
        return BlynkMapping.details(device, values(caller, device), devices.metafields(caller, device.deviceId()),
                templateNumbers());
    }

    @GetMapping("/device/online")
    BlynkOnline online(Caller caller, @RequestParam Integer deviceId) {
        return new BlynkOnline(presence.status(caller, new DeviceId(deviceId)).connected());
    }

    @GetMapping("/device/tags")
    List<BlynkTag> tags(Caller caller, @RequestParam Integer deviceId) {
        return devices.organizationTags(caller, new DeviceId(deviceId)).stream().map(BlynkMapping::tag).toList();
    }

    /**
     * Newest first. {@code eventType} takes Blynk's INFORMATION, WARNING and CRITICAL (events of that level),
     * ONLINE and OFFLINE, and Moor's own timeline types (see {@link BlynkTimelineEvent}).
     */
    @GetMapping("/device/timeline")
    BlynkPage<BlynkTimelineEvent> timeline(Caller caller, @RequestParam Integer deviceId,
            @RequestParam(required = false) String eventType, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        DeviceId id = new DeviceId(deviceId);
        PageRequest pageRequest = pageRequest(page, size);
        Optional<Template.EventLevel> level = Optional.ofNullable(eventType).flatMap(BlynkDeviceController::eventLevel);
        Optional<String> type = level.isPresent() ? Optional.of("EVENT") : Optional.ofNullable(eventType);
        Page<TimelineEntry> entries = timeline.page(caller, id, type, level, pageRequest);
        long orgId = devices.get(caller, id).organizationId();
        return new BlynkPage<>(entries.content().stream().map(entry -> BlynkMapping.timelineEvent(entry, orgId)).toList(),
                entries.totalElements());
    }

    /** Only values users wrote, never the device's own updates; newest first. */
    @GetMapping("/device/logs")
    BlynkPage<BlynkLogEntry> logs(Caller caller, @RequestParam Integer deviceId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Page<DatastreamLog> logs = telemetry.logs(caller, new DeviceId(deviceId), pageRequest(page, size));
        Map<Long, Optional<String>> emails = new HashMap<>();
        return new BlynkPage<>(logs.content().stream().map(log -> BlynkMapping.logEntry(log, log.userId() == null ? null
                : emails.computeIfAbsent(log.userId(), user -> users.findWithinReach(caller, new UserId(user)).map(User::email))
                        .orElse(null))).toList(), logs.totalElements());
    }

    /** Removes datastream values and history, the action log and the timeline; the device stays. */
    @DeleteMapping("/device/clear")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(Caller caller, @RequestParam Integer deviceId) {
        telemetry.clear(caller, new DeviceId(deviceId));
    }

    @PostMapping("/device/trigger-event")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void triggerEvent(Caller caller, @RequestBody BlynkTriggerEvent request) {
        events.trigger(caller, new DeviceId(required(request.deviceId(), "deviceId")), required(request.eventCode(), "eventCode"),
                Optional.ofNullable(request.eventDescription()));
    }

    @PostMapping("/device/transfer/to-owner")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transferToOwner(Caller caller, @RequestBody BlynkTransferToOwner request) {
        devices.transferToOwner(caller, new DeviceId(required(request.deviceId(), "deviceId")),
                new UserId(required(request.newOwnerUserId(), "newOwnerUserId")));
    }

    @PostMapping("/device/transfer/to-organization")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transferToOrganization(Caller caller, @RequestBody BlynkTransferToOrganization request) {
        devices.transferToOrganization(caller, new DeviceId(required(request.deviceId(), "deviceId")),
                new OrganizationId(required(request.newOrgId(), "newOrgId")));
    }

    @DeleteMapping("/device/owner")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeOwner(Caller caller, @RequestParam Integer deviceId) {
        devices.removeOwner(caller, new DeviceId(deviceId));
    }

    @GetMapping("/device/by-owner")
    BlynkPage<BlynkDevice> byOwner(Caller caller, @RequestParam String ownerEmail, @RequestParam(required = false) Integer orgId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return page(devices.ownedBy(caller, ownerEmail, organization(orgId), pageRequest(page, size)));
    }

    @GetMapping("/device/by-user-org")
    BlynkPage<BlynkDevice> byUserOrganization(Caller caller, @RequestParam String userEmail,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return page(devices.accessibleBy(caller, userEmail, pageRequest(page, size)));
    }

    @GetMapping("/device/last-activated")
    List<BlynkActivatedDevice> lastActivated(Caller caller, @RequestParam(required = false) Integer orgId,
            @RequestParam(required = false) Integer minutes) {
        int window = minutes == null ? DEFAULT_MINUTES : minutes;
        if (window < MIN_MINUTES || window > MAX_MINUTES) {
            throw DomainException.invalid("minutes must be between " + MIN_MINUTES + " and " + MAX_MINUTES + ".");
        }
        ToLongFunction<String> numbers = templateNumbers();
        return devices.lastActivated(caller, organization(orgId), Duration.ofMinutes(window)).stream()
                .map(device -> BlynkMapping.activated(device, numbers)).toList();
    }

    @GetMapping("/device/metafield")
    List<BlynkMetaFieldValue> metaFields(Caller caller, @RequestParam Integer deviceId) {
        return devices.metafields(caller, new DeviceId(deviceId)).stream().map(BlynkMapping::metaField).toList();
    }

    @PostMapping("/device/metafield")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void updateMetaField(Caller caller, @RequestBody BlynkMetaFieldUpdate request) {
        String value = required(request.newValue(), "newValue");
        if (value.length() > MAX_META_VALUE) {
            throw DomainException.invalid("newValue must have at most " + MAX_META_VALUE + " characters.");
        }
        devices.setMetafield(caller, new DeviceId(required(request.deviceId(), "deviceId")),
                required(request.metaFieldId(), "metaFieldId"), JsonNodeFactory.instance.stringNode(value));
    }

    private BlynkPage<BlynkDevice> page(Page<Device> page) {
        ToLongFunction<String> numbers = templateNumbers();
        return new BlynkPage<>(page.content().stream().map(device -> BlynkMapping.device(device, numbers)).toList(),
                page.totalElements());
    }

    private List<BlynkDataStreamValue> values(Caller caller, Device device) {
        return BlynkMapping.values(telemetry.latest(caller, device.deviceId()),
                templates.find(device.templateId()).map(Template::datastreams).orElse(List.of()));
    }

    /** Blynk's event kinds (vendor-notes.md, Blynk "TimelineEvent") as the level of Moor's events. */
    private static Optional<Template.EventLevel> eventLevel(String eventType) {
        return switch (eventType.strip().toUpperCase(Locale.ROOT)) {
            case "INFORMATION", "INFO" -> Optional.of(Template.EventLevel.INFO);
            case "WARNING" -> Optional.of(Template.EventLevel.WARNING);
            case "CRITICAL" -> Optional.of(Template.EventLevel.CRITICAL);
            default -> Optional.empty();
        };
    }

    /** Template numbers, looked up once per template within one response. */
    private ToLongFunction<String> templateNumbers() {
        Map<String, Long> known = new HashMap<>();
        return templateId -> known.computeIfAbsent(templateId,
                id -> templates.find(id).map(Template::number).orElseThrow());
    }

    /**
     * "size: min 1, max 1000, default 50" and "page: 0-indexed, default 0"; a size over the maximum is
     * answered "requested page size is too big" (001_2d638da4de58a0e6.txt, "Get devices in organization", 400).
     */
    static PageRequest pageRequest(Integer page, Integer size) {
        if (size != null && size > PageRequest.MAX_SIZE) {
            throw DomainException.invalid("requested page size is too big");
        }
        return PageRequest.of(page, size);
    }

    private static Optional<OrganizationId> organization(Integer orgId) {
        return Optional.ofNullable(orgId).map(OrganizationId::new);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw DomainException.invalid(field + " is required.");
        }
        return value;
    }

    /**
     * "sortBy" is free text on the page; the older docs list labels such as "Device Id", "Name" and
     * "Activated At" (vendor-notes.md, Blynk "Endpoints"). Both those labels and field names are taken.
     * "sortOrder" is ASC or DESC, default ASC.
     */
    static DeviceSearch.Sort sort(String sortBy, String sortOrder) {
        DeviceSearch.Direction direction = sortOrder == null ? DeviceSearch.Direction.ASC
                : switch (sortOrder.strip().toUpperCase(Locale.ROOT)) {
                    case "ASC" -> DeviceSearch.Direction.ASC;
                    case "DESC" -> DeviceSearch.Direction.DESC;
                    default -> throw DomainException.invalid("sortOrder must be ASC or DESC.");
                };
        if (sortBy == null || sortBy.isBlank()) {
            return new DeviceSearch.Sort(DeviceSearch.Field.ID, direction);
        }
        DeviceSearch.Field field = switch (sortBy.strip().toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "id", "deviceid" -> DeviceSearch.Field.ID;
            case "name", "devicename" -> DeviceSearch.Field.NAME;
            case "activatedat" -> DeviceSearch.Field.ACTIVATED_AT;
            case "createdat" -> DeviceSearch.Field.CREATED_AT;
            case "updatedat" -> DeviceSearch.Field.UPDATED_AT;
            default -> throw DomainException.invalid("sortBy must be one of Device Id, Name, Activated At, Created At, Updated At.");
        };
        return new DeviceSearch.Sort(field, direction);
    }
}
