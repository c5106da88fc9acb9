package dev.moor.firmware;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.moor.command.BuiltInCommand;
import dev.moor.command.Command;
import dev.moor.command.CommandId;
import dev.moor.command.CommandService;
import dev.moor.command.CommandStatus;
import dev.moor.command.WhenOffline;
import dev.moor.connectivity.DeviceMessageReceived;
import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.telemetry.TimelineService;
import dev.moor.telemetry.TimelineType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Over-the-air updates. Triggering sends the device an {@code ota} command whose payload names the binary:
 * {@code {"kind", "url", "size", "md5", "sha256", "version", "attemptId"}} (apps add {@code appId} and
 * {@code appVersionId}). The device downloads the URL with its device token, then reports progress and the
 * outcome on {@code devices/{uid}/ota} or {@code POST /rest/v1/ota/progress}:
 * {@code {"status": "downloading" | "installing" | "success" | "failed", "progress"?: 0-100, "md5"?, "error"?}}.
 * A stock ESP updater that checks in again running the new md5 completes the attempt too. Success makes the
 * binary the device's current one and sets its last-OTA time.
 */
@Service
public class OtaService {

    private static final Logger log = LoggerFactory.getLogger(OtaService.class);
    static final String TOPIC = "ota";

    private final OtaStore attempts;
    private final FirmwareStore files;
    private final FirmwareService firmwares;
    private final CommandService commands;
    private final DeviceService devices;
    private final JsonMapper json;
    private final OtaProperties properties;
    private final TimelineService timeline;

    OtaService(OtaStore attempts, FirmwareStore files, FirmwareService firmwares, CommandService commands,
            DeviceService devices, JsonMapper json, OtaProperties properties, TimelineService timeline) {
        this.timeline = timeline;
        this.attempts = attempts;
        this.files = files;
        this.firmwares = firmwares;
        this.commands = commands;
        this.devices = devices;
        this.json = json;
        this.properties = properties;
    }

    /** How the OTA command travels: like any command, refused or queued while the device is offline. */
    public record OtaRequest(WhenOffline whenOffline, Optional<Duration> ttl) {
    }

    /** What a device reports about its update. */
    public record OtaReport(String status, Integer progress, String md5, String error) {
    }

    /**
     * Sends the device its target firmware. Needs ORG_DEVICES_CONTROL. Throws OTA_TARGET_MISSING ("Assign
     * firmware first to trigger OTA.") when the device has no target, and DEVICE_OFFLINE for an offline
     * device with REJECT; neither leaves an attempt behind. {@code baseUrl} is where devices reach Moor, used
     * when {@code moor.ota.public-url} is not set.
     */
    public OtaAttempt triggerFirmware(Caller caller, DeviceId deviceId, String baseUrl, OtaRequest request) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        Device device = devices.get(caller, deviceId);
        FirmwareStore.Row target = Optional.ofNullable(files.state(deviceId).targetFirmwareId())
                .flatMap(id -> files.find(new FirmwareId(id)))
                .orElseThrow(() -> new DomainException(ErrorCode.OTA_TARGET_MISSING, "Assign firmware first to trigger OTA."));
        return start(caller, device, "firmware", target, baseUrl, request);
    }

    /** Sends the device its target app version, under the rules of {@link #triggerFirmware}. */
    public OtaAttempt triggerApp(Caller caller, DeviceId deviceId, String baseUrl, OtaRequest request) {
        caller.require(Permission.ORG_DEVICES_CONTROL);
        Device device = devices.get(caller, deviceId);
        FirmwareStore.Row target = Optional.ofNullable(files.state(deviceId).targetAppVersionId())
                .flatMap(id -> files.find(new FirmwareId(id)))
                .orElseThrow(() -> new DomainException(ErrorCode.OTA_TARGET_MISSING, "Assign an app version first to trigger OTA."));
        return start(caller, device, "app", target, baseUrl, request);
    }

    /** The device's OTA attempts, newest first. */
    public Page<OtaAttempt> attempts(Caller caller, DeviceId deviceId, PageRequest page) {
        Device device = devices.get(caller, deviceId);
        return Page.of(attempts.ofDevice(device.deviceId(), page), attempts.count(device.deviceId()), page);
    }

    private OtaAttempt start(Caller caller, Device device, String kind, FirmwareStore.Row file, String baseUrl,
            OtaRequest request) {
        long id = attempts.insert(device.deviceId(), kind, file);
        String base = properties.publicUrl().isBlank() ? baseUrl : properties.publicUrl();
        ObjectNode payload = json.createObjectNode();
        payload.put("kind", kind);
        payload.put("url", base.replaceAll("/+$", "") + "/rest/v1/ota/files/" + file.md5());
        payload.put("size", file.size());
        payload.put("md5", file.md5());
        payload.put("sha256", file.sha256());
        payload.put("version", file.version());
        payload.put("attemptId", id);
        if (file.appId() != null) {
            payload.put("appId", file.appId());
            payload.put("appVersionId", file.id());
        }
        Command command;
        try {
            command = commands.sendBuiltIn(caller, device.deviceId(), BuiltInCommand.OTA, payload, request.whenOffline(),
                    request.ttl());
        } catch (RuntimeException refused) {
            attempts.delete(id);
            throw refused;
        }
        attempts.setCommand(id, command.id());
        attempts.supersedeOthers(device.deviceId(), id);
        OtaAttempt attempt = attempts.find(id).orElseThrow();
        record(device.deviceId(), TimelineType.OTA_STARTED, attempt, "kind", kind, "md5", file.md5(), "version", file.version());
        return attempt;
    }

    /**
     * The device (or its stock updater) reports running the binary with this md5: recorded as its current
     * firmware, and an open firmware attempt for that md5 succeeds.
     */
    public void recordRunning(Device device, String md5) {
        boolean reachedTarget = firmwares.recordRunning(device, md5, Instant.now());
        Optional<OtaAttempt> open = attempts.findOpen(device.deviceId())
                .filter(attempt -> attempt.kind().equals("firmware") && attempt.md5().equalsIgnoreCase(md5));
        if (open.isPresent()) {
            succeed(device.deviceId(), open.get());
        } else if (reachedTarget) {
            record(device.deviceId(), TimelineType.FIRMWARE_CHANGED, null, "kind", "firmware", "md5", md5.toLowerCase(Locale.ROOT));
        }
    }

    /** The device has started downloading this binary: its open attempt for it is DOWNLOADING. */
    void downloading(Device device, String md5) {
        attempts.findOpen(device.deviceId())
                .filter(attempt -> attempt.md5().equals(md5) && attempt.status() == OtaAttempt.OtaStatus.PENDING)
                .ifPresent(attempt -> progress(device.deviceId(), attempt, OtaAttempt.OtaStatus.DOWNLOADING, 0));
    }

    /**
     * A progress or outcome report of the device's open attempt. Throws VALIDATION_FAILED for an unknown
     * status or a progress outside 0 to 100; a report without an open attempt changes nothing.
     */
    public Optional<OtaAttempt> report(DeviceId device, OtaReport report) {
        String status = report.status() == null ? "" : report.status().strip().toLowerCase(Locale.ROOT);
        if (report.progress() != null && (report.progress() < 0 || report.progress() > 100)) {
            throw DomainException.invalid("progress must be between 0 and 100.");
        }
        Optional<OtaAttempt> open = attempts.findOpen(device);
        switch (status) {
            case "downloading" -> open.ifPresent(attempt ->
                    progress(device, attempt, OtaAttempt.OtaStatus.DOWNLOADING, report.progress()));
            case "installing", "flashing" -> open.ifPresent(attempt ->
                    progress(device, attempt, OtaAttempt.OtaStatus.INSTALLING, report.progress()));
            case "success", "succeeded", "done" -> open.ifPresent(attempt -> {
                if (report.md5() != null && !report.md5().equalsIgnoreCase(attempt.md5())) {
                    fail(device, attempt, "The device reports md5 " + report.md5().toLowerCase(Locale.ROOT)
                            + " but was sent " + attempt.md5() + ".");
                } else {
                    succeed(device, attempt);
                }
            });
            case "failed", "error" -> open.ifPresent(attempt -> fail(device, attempt,
                    report.error() == null || report.error().isBlank() ? "The device reports a failed update."
                            : truncate(report.error())));
            default -> throw DomainException.invalid("status must be downloading, installing, success or failed.");
        }
        return open.flatMap(attempt -> attempts.find(attempt.id()));
    }

    private void succeed(DeviceId device, OtaAttempt attempt) {
        if (!attempts.finish(attempt.id(), OtaAttempt.OtaStatus.SUCCEEDED, null)) {
            return;
        }
        Instant now = Instant.now();
        if (attempt.kind().equals("app")) {
            if (attempt.firmwareId() != null) {
                files.setCurrentAppVersion(device, attempt.firmwareId(), now);
            }
        } else {
            files.setCurrentFirmware(device, attempt.md5(), attempt.version(), now);
        }
        record(device, TimelineType.FIRMWARE_CHANGED, attempt, "kind", attempt.kind(), "md5", attempt.md5(),
                "version", attempt.version());
        log.info("Device {} completed OTA attempt {} to md5 {}", device, attempt.id(), attempt.md5());
    }

    @EventListener
    void onMessage(DeviceMessageReceived message) {
        if (!TOPIC.equals(message.subtopic())) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                JsonNode body = json.readTree(new String(message.payload(), StandardCharsets.UTF_8));
                report(message.device(), new OtaReport(body.path("status").asString(null),
                        body.path("progress").isNumber() ? body.get("progress").asInt() : null,
                        body.path("md5").asString(null), body.path("error").asString(null)));
            } catch (RuntimeException unreadable) {
                log.info("Device {} sent an unreadable OTA report; ignored", message.device());
            }
        });
    }

    /**
     * Fails attempts whose OTA command was not delivered, and attempts without progress for
     * {@code moor.ota.timeout}. An attempt whose command still waits in the queue keeps waiting: its clock
     * starts when the command leaves.
     */
    @Scheduled(fixedDelayString = "${moor.ota.sweep-interval:5s}")
    void sweep() {
        try {
            Instant stalledBefore = Instant.now().minus(properties.timeout());
            for (OtaAttempt attempt : attempts.open()) {
                Optional<Command> command = Optional.ofNullable(attempt.commandId()).map(CommandId::new).flatMap(commands::findSent);
                if (attempt.status() == OtaAttempt.OtaStatus.PENDING && command.isPresent()) {
                    CommandStatus status = command.get().status();
                    if (status == CommandStatus.QUEUED) {
                        attempts.touch(attempt.id());
                        continue;
                    }
                    if (status == CommandStatus.EXPIRED || status == CommandStatus.FAILED) {
                        fail(new DeviceId(attempt.deviceId()), attempt, "The OTA command was not carried out: "
                                + (command.get().error() != null ? command.get().error() : status.name().toLowerCase(Locale.ROOT)) + ".");
                        continue;
                    }
                }
                if (attempt.updatedAt().isBefore(stalledBefore)) {
                    fail(new DeviceId(attempt.deviceId()), attempt,
                            "Timed out: no progress for " + properties.timeout().toSeconds() + " seconds.");
                }
            }
        } catch (RuntimeException e) {
            log.warn("OTA sweep failed; retrying on the next one", e);
        }
    }

    private void progress(DeviceId device, OtaAttempt attempt, OtaAttempt.OtaStatus status, Integer progress) {
        if (attempts.progress(attempt.id(), status, progress)) {
            record(device, TimelineType.OTA_PROGRESS, attempt, "status", status.name(), "progress", progress);
        }
    }

    private void fail(DeviceId device, OtaAttempt attempt, String error) {
        if (attempts.finish(attempt.id(), OtaAttempt.OtaStatus.FAILED, error)) {
            record(device, TimelineType.OTA_FAILED, attempt, "error", error);
        }
    }

    /** Puts a step on the device's timeline; {@code pairs} are key, value, ...; null values are left out. */
    private void record(DeviceId device, TimelineType type, OtaAttempt attempt, Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (attempt != null) {
            data.put("attemptId", attempt.id());
        }
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        try {
            timeline.record(device, type, Instant.now(), data);
        } catch (RuntimeException e) {
            log.warn("Could not put an OTA step on the timeline of device {}", device, e);
        }
    }

    private static String truncate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
