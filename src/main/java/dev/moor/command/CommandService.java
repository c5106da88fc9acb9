package dev.moor.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceSearch;
import dev.moor.device.DeviceService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.SubOrganizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands to devices. Sending needs ORG_DEVICES_CONTROL on a device the caller may see; reading needs a
 * device view permission. A command is stored first and then delivered; the answer never waits for the
 * device. For an offline device the caller chooses: {@link WhenOffline#REJECT} refuses it with
 * DEVICE_OFFLINE and stores nothing, {@link WhenOffline#QUEUE} keeps it (in PostgreSQL, so across restarts)
 * until the device connects or its time to live runs out.
 */
@Service
public class CommandService {

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,254}$");
    private static final Pattern BUTTON_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final CommandStore commands;
    private final CommandDelivery delivery;
    private final DeviceService devices;
    private final JsonMapper json;
    private final CommandProperties properties;
    private final CommandTimeline timeline;

    CommandService(CommandStore commands, CommandDelivery delivery, DeviceService devices, JsonMapper json,
            CommandProperties properties, CommandTimeline timeline) {
        this.timeline = timeline;
        this.commands = commands;
        this.delivery = delivery;
        this.devices = devices;
        this.json = json;
        this.properties = properties;
    }

    /**
     * A command to send. {@code payload} is any JSON value (null: JSON null); {@code ttl} is how long a
     * queued command waits (absent: {@code moor.commands.default-ttl}, 24 hours); {@code time} is an optional
     * time the command carries (Losant's Multi Device Command "time").
     */
    public record NewCommand(String name, JsonNode payload, WhenOffline whenOffline, Optional<Duration> ttl,
            Optional<Instant> time) {

        public static NewCommand of(String name, JsonNode payload, WhenOffline whenOffline, Optional<Duration> ttl) {
            return new NewCommand(name, payload, whenOffline, ttl, Optional.empty());
        }
    }

    /**
     * Sends a user-defined command. Throws VALIDATION_FAILED for a missing, malformed or built-in name or a
     * bad TTL, PAYLOAD_TOO_LARGE over {@code moor.commands.max-payload-bytes}, and DEVICE_OFFLINE (nothing
     * stored) for an offline device with REJECT. Returns the command as stored: SENT when the device was
     * online, QUEUED otherwise.
     */
    public Command send(Caller caller, DeviceId deviceId, NewCommand command) {
        if (command.name() != null && BuiltInCommand.isReserved(command.name().strip())) {
            throw DomainException.invalid("'" + command.name().strip() + "' is a built-in command; use its own endpoint.");
        }
        return sendNamed(caller, deviceId, command);
    }

    /** Sends a built-in command with the given payload, under the same rules as {@link #send}. */
    public Command sendBuiltIn(Caller caller, DeviceId deviceId, BuiltInCommand builtIn, JsonNode payload,
            WhenOffline whenOffline, Optional<Duration> ttl) {
        return sendNamed(caller, deviceId, NewCommand.of(builtIn.wireName(), payload, whenOffline, ttl));
    }

    private Command sendNamed(Caller caller, DeviceId deviceId, NewCommand command) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        Device device = devices.get(caller, deviceId);
        CommandStore.NewRow row = validRow(device.deviceId(), null, command);
        if (command.whenOffline() == WhenOffline.REJECT && !delivery.isOnline(device.deviceId())) {
            throw offline(device);
        }
        commands.insert(row);
        Command stored = delivery.deliver(row.id(), device.deviceId()).orElseThrow();
        if (stored.status() == CommandStatus.QUEUED) {
            timeline.queued(stored);
        }
        return stored;
    }

    /**
     * A command for many devices (Losant's Multi Device Command): the devices named by id, those carrying all
     * of {@code deviceTags}, and those matching {@code deviceQuery}, each once.
     */
    public record ManyDeviceCommand(String name, JsonNode payload, Optional<Instant> time, List<DeviceId> deviceIds,
            List<DeviceSearch.TagFilter> deviceTags, Optional<DeviceSearch> deviceQuery, WhenOffline whenOffline,
            Optional<Duration> ttl) {
    }

    /**
     * Starts a many-device command and returns at once, before any device has its command: choosing the
     * devices and sending runs in the background, and {@link #getBatch} follows it. Needs ORG_DEVICES_CONTROL;
     * only devices the caller may see are chosen. Throws VALIDATION_FAILED (bad command, no selector, more than
     * 1000 ids or 100 tags) or DEVICE_NOT_FOUND for a named device out of sight, storing nothing. An offline
     * device with REJECT gets a FAILED command, so the batch shows it was not reached.
     */
    public CommandBatch sendToMany(Caller caller, ManyDeviceCommand command) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        NewCommand single = new NewCommand(command.name(), command.payload(), command.whenOffline(), command.ttl(), command.time());
        CommandStore.NewRow template = validRow(new DeviceId(0), null, single);
        if (command.deviceIds().isEmpty() && command.deviceTags().isEmpty() && command.deviceQuery().isEmpty()) {
            throw DomainException.invalid("Choose devices with deviceIds, deviceTags or deviceQuery.");
        }
        if (command.deviceIds().size() > 1000 || command.deviceTags().size() > 100) {
            throw DomainException.invalid("At most 1000 deviceIds and 100 deviceTags.");
        }
        List<DeviceId> named = command.deviceIds().stream().distinct().map(id -> devices.get(caller, id).deviceId()).toList();
        UUID batchId = UUID.randomUUID();
        ObjectNode selector = json.createObjectNode();
        selector.set("deviceIds", json.valueToTree(named.stream().map(DeviceId::value).toList()));
        selector.set("deviceTags", json.valueToTree(command.deviceTags()));
        selector.put("deviceQuery", command.deviceQuery().isPresent());
        long ttlSeconds = Duration.between(Instant.now(), template.expiresAt()).toSeconds() + 1;
        commands.insertBatch(batchId, caller.organizationId().value(), command, selector, ttlSeconds);
        delivery.workers().execute(() -> runBatch(caller, batchId, single, named, command));
        return commands.findBatch(batchId, caller.organizationId().value()).orElseThrow();
    }

    /** A many-device command of the caller's organization, with its devices' commands counted by status. */
    public CommandBatch getBatch(Caller caller, UUID batchId) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return commands.findBatch(batchId, caller.organizationId().value()).orElseThrow(() -> new DomainException(
                ErrorCode.COMMAND_BATCH_NOT_FOUND, "Many-device command " + batchId + " was not found."));
    }

    private void runBatch(Caller caller, UUID batchId, NewCommand single, List<DeviceId> named, ManyDeviceCommand command) {
        Set<Long> reached = new HashSet<>();
        try {
            commands.batchProgress(batchId, "RUNNING", 0, null);
            named.forEach(device -> commandOne(device, batchId, single, reached));
            if (!command.deviceTags().isEmpty()) {
                eachMatching(caller, new DeviceSearch(Optional.empty(), command.deviceTags(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), SubOrganizations.EXCLUDED, DeviceSearch.Sort.DEFAULT),
                        device -> commandOne(device, batchId, single, reached));
            }
            command.deviceQuery().ifPresent(query -> eachMatching(caller, query, device -> commandOne(device, batchId, single, reached)));
            commands.batchProgress(batchId, "DONE", reached.size(), null);
        } catch (RuntimeException e) {
            log.warn("Many-device command {} stopped after {} devices", batchId, reached.size(), e);
            commands.batchProgress(batchId, "FAILED", reached.size(),
                    e instanceof DomainException domain ? domain.getMessage() : "Stopped by an unexpected error.");
        }
    }

    private void eachMatching(Caller caller, DeviceSearch search, java.util.function.Consumer<DeviceId> action) {
        for (int page = 0; ; page++) {
            Page<Device> found = devices.search(caller, search, new PageRequest(page, PageRequest.MAX_SIZE));
            found.content().forEach(device -> action.accept(device.deviceId()));
            if ((long) (page + 1) * PageRequest.MAX_SIZE >= found.totalElements()) {
                return;
            }
        }
    }

    private void commandOne(DeviceId device, UUID batchId, NewCommand single, Set<Long> reached) {
        if (!reached.add(device.value())) {
            return;
        }
        CommandStore.NewRow row = validRow(device, batchId, single);
        if (single.whenOffline() == WhenOffline.REJECT && !delivery.isOnline(device)) {
            commands.insert(new CommandStore.NewRow(row.id(), row.device(), row.batchId(), row.name(), row.payload(), row.time(),
                    row.whenOffline(), row.expiresAt(), CommandStatus.FAILED, "The device was offline; the command was not queued."));
            return;
        }
        commands.insert(row);
        delivery.deliver(row.id(), device).filter(command -> command.status() == CommandStatus.QUEUED)
                .ifPresent(timeline::queued);
    }

    /** One command of the device; COMMAND_NOT_FOUND when it is another device's or does not exist. */
    public Command get(Caller caller, DeviceId deviceId, CommandId id) {
        Device device = devices.get(caller, deviceId);
        return commands.find(id).filter(command -> command.deviceId() == device.id())
                .orElseThrow(() -> notFound(id));
    }

    /**
     * A command by id, without a permission check: for modules following the commands they sent themselves
     * (OTA follows its OTA commands). Never answer a caller with it.
     */
    public Optional<Command> findSent(CommandId id) {
        return commands.find(id);
    }

    /** The device's commands, newest first. */
    public Page<Command> history(Caller caller, DeviceId deviceId, PageRequest page) {
        Device device = devices.get(caller, deviceId);
        return Page.of(commands.history(device.deviceId(), page), commands.count(device.deviceId()), page);
    }

    /** The device's saved command buttons, oldest first. */
    public List<CommandButton> buttons(Caller caller, DeviceId deviceId) {
        return commands.buttons(devices.get(caller, deviceId).deviceId());
    }

    /**
     * Saves a command button. Needs ORG_DEVICES_EDIT. Throws VALIDATION_FAILED for a bad id, label or payload,
     * and COMMAND_BUTTON_TAKEN when the device already has a button with this id.
     */
    @Transactional
    public CommandButton createButton(Caller caller, DeviceId deviceId, String id, String label, JsonNode payload,
            boolean confirm) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        if (id == null || !BUTTON_ID.matcher(id).matches() || BuiltInCommand.isReserved(id)) {
            throw DomainException.invalid("id must be 1 to 64 letters, digits, underscores or hyphens, and not a built-in command.");
        }
        if (label == null || label.isBlank() || label.length() > 100) {
            throw DomainException.invalid("label is required, at most 100 characters.");
        }
        JsonNode value = validPayload(payload);
        if (commands.findButton(device.deviceId(), id).isPresent()) {
            throw new DomainException(ErrorCode.COMMAND_BUTTON_TAKEN, "A command button with this id already exists.");
        }
        commands.insertButton(device.deviceId(), new CommandButton(id, label.strip(), value, confirm, Instant.now()));
        return commands.findButton(device.deviceId(), id).orElseThrow();
    }

    /** Deletes a command button; COMMAND_BUTTON_NOT_FOUND when the device has none with this id. */
    @Transactional
    public void deleteButton(Caller caller, DeviceId deviceId, String id) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = devices.get(caller, deviceId);
        getButton(device, id);
        commands.deleteButton(device.deviceId(), id);
    }

    /** Sends the button's payload as a command named by the button's id, under the rules of {@link #send}. */
    public Command sendButton(Caller caller, DeviceId deviceId, String id, WhenOffline whenOffline, Optional<Duration> ttl) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        CommandButton button = getButton(devices.get(caller, deviceId), id);
        return sendNamed(caller, deviceId, NewCommand.of(button.id(), button.payload(), whenOffline, ttl));
    }

    private CommandButton getButton(Device device, String id) {
        return commands.findButton(device.deviceId(), id).orElseThrow(() -> new DomainException(
                ErrorCode.COMMAND_BUTTON_NOT_FOUND, "Command button '" + id + "' was not found."));
    }

    CommandStore.NewRow validRow(DeviceId device, UUID batchId, NewCommand command) {
        if (command.name() == null || !NAME.matcher(command.name().strip()).matches()) {
            throw DomainException.invalid("name is required: 1 to 255 characters, starting with a letter or digit.");
        }
        if (command.whenOffline() == null) {
            throw DomainException.invalid("whenOffline must be \"reject\" or \"queue\".");
        }
        Duration ttl = command.ttl().orElse(properties.defaultTtl());
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(properties.maxTtl()) > 0) {
            throw DomainException.invalid("ttlSeconds must be between 1 and " + properties.maxTtl().toSeconds() + ".");
        }
        return new CommandStore.NewRow(CommandId.random(), device, batchId, command.name().strip(),
                validPayload(command.payload()), command.time().orElse(null), command.whenOffline(),
                Instant.now().plus(ttl), CommandStatus.QUEUED, null);
    }

    JsonNode validPayload(JsonNode payload) {
        JsonNode value = payload == null ? NullNode.getInstance() : payload;
        int size = json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
        if (size > properties.maxPayloadBytes()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "payload is " + size + " bytes; the limit is "
                    + properties.maxPayloadBytes() + ".", Map.of("maxBytes", properties.maxPayloadBytes()));
        }
        return value;
    }

    static DomainException offline(Device device) {
        return new DomainException(ErrorCode.DEVICE_OFFLINE,
                "Device " + device.id() + " is offline; the command was not queued. Send it with whenOffline \"queue\" to keep it until the device connects.");
    }

    static DomainException notFound(CommandId id) {
        return new DomainException(ErrorCode.COMMAND_NOT_FOUND, "Command " + id + " was not found.");
    }
}
