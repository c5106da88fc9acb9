package dev.moor.connectivity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.moor.device.Device;
import dev.moor.device.DeviceService;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP device API, for devices that cannot hold a connection: the same messages as the MQTT topics,
 * authenticated with the device token ({@code Authorization: Bearer <device token>}). A 204 means stored,
 * exactly like a PUBACK.
 */
@RestController
@RequestMapping("/device/v1")
class DeviceHttpController {

    private static final long COMMIT_WAIT_SECONDS = 30;

    private final DeviceService devices;
    private final DeviceMessages messages;
    private final DeviceIngest ingest;

    DeviceHttpController(DeviceService devices, DeviceMessages messages, DeviceIngest ingest) {
        this.devices = devices;
        this.messages = messages;
        this.ingest = ingest;
    }

    @PostMapping("/telemetry")
    ResponseEntity<Void> telemetry(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        return receive(authorization, DeviceData.Kind.TELEMETRY, null, body);
    }

    @PostMapping("/telemetry/{datastream}")
    ResponseEntity<Void> value(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String datastream, @RequestBody(required = false) byte[] body) {
        return receive(authorization, DeviceData.Kind.TELEMETRY, datastream, body);
    }

    @PostMapping("/info")
    ResponseEntity<Void> info(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        return receive(authorization, DeviceData.Kind.INFO, null, body);
    }

    @PostMapping("/events")
    ResponseEntity<Void> events(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        return receive(authorization, DeviceData.Kind.EVENT, null, body);
    }

    private ResponseEntity<Void> receive(String authorization, DeviceData.Kind kind, String datastream, byte[] body) {
        Device device = authenticate(authorization);
        byte[] payload = body == null ? new byte[0] : body;
        Instant at = Instant.now();
        Optional<Rejection> refused = messages.admit(device.deviceId(), payload.length, at);
        if (refused.isPresent()) {
            throw refusal(refused.get());
        }
        DeviceMessages.Outcome outcome = messages.decode(device.deviceId(), device.uid(), device.templateId(), kind,
                datastream, payload, at);
        if (outcome instanceof DeviceMessages.Refused(Rejection reason)) {
            throw refusal(reason);
        }
        DeviceData data = ((DeviceMessages.Store) outcome).data();
        try {
            ingest.submit(data).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw new DomainException(ErrorCode.RATE_LIMITED, "Moor is busy storing device data; send again later.",
                    Map.of("retryAfterSeconds", 5));
        } catch (TimeoutException e) {
            throw new DomainException(ErrorCode.RATE_LIMITED, "Not stored in time; send again later.",
                    Map.of("retryAfterSeconds", 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ResponseEntity.noContent().build();
    }

    private Device authenticate(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip() : null;
        return devices.findByToken(token)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "A valid device token is required."));
    }

    private DomainException refusal(Rejection reason) {
        return switch (reason) {
            case PAYLOAD_TOO_LARGE -> new DomainException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The payload is over " + messages.maxPayloadBytes() + " bytes.", Map.of("reason", reason.name()));
            case RATE_LIMITED, OVERLOADED -> new DomainException(ErrorCode.RATE_LIMITED,
                    "Too many messages from this device.", Map.of("reason", reason.name(), "retryAfterSeconds", 1));
            case NOT_JSON, WRONG_TYPE, OUT_OF_RANGE, UNKNOWN_DATASTREAM, FORBIDDEN_TOPIC ->
                    new DomainException(ErrorCode.VALIDATION_FAILED, "Refused: " + reason.name() + ".",
                            Map.of("reason", reason.name()));
        };
    }
}
