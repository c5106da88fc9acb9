package dev.moor.connectivity;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import dev.moor.device.DeviceId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The checks every device message passes before it is queued, the same for MQTT and HTTP: size, the
 * device's rate limit, JSON shape, and the template's datastream rules. Each refusal is counted with its
 * reason in the device's statistics.
 */
@Component
public class DeviceMessages {

    private final DeviceIngest ingest;
    private final DeviceRateLimiter rateLimiter;
    private final ActivityCounters activity;
    private final JsonMapper json;
    private final int maxPayloadBytes;

    DeviceMessages(DeviceIngest ingest, DeviceRateLimiter rateLimiter, ActivityCounters activity, JsonMapper json,
            @Value("${moor.mqtt.max-payload-bytes:65536}") int maxPayloadBytes) {
        this.ingest = ingest;
        this.rateLimiter = rateLimiter;
        this.activity = activity;
        this.json = json;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** What to do with a message: store this data, or refuse it for this reason. */
    public sealed interface Outcome {
    }

    public record Store(DeviceData data) implements Outcome {
    }

    public record Refused(Rejection reason) implements Outcome {
    }

    /** The documented payload limit in bytes. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Counts the message and checks its size and the device's rate; empty when it may go on. */
    public Optional<Rejection> admit(DeviceId device, int bytes, Instant at) {
        activity.received(device, bytes, at);
        Rejection reason = null;
        if (bytes > maxPayloadBytes) {
            reason = Rejection.PAYLOAD_TOO_LARGE;
        } else if (!rateLimiter.tryAcquire(device)) {
            reason = Rejection.RATE_LIMITED;
        }
        if (reason != null) {
            activity.rejected(device, reason);
        }
        return Optional.ofNullable(reason);
    }

    /**
     * Turns an admitted payload into data to store. {@code datastream} is set for a single-value telemetry
     * message, whose payload is one JSON value or else plain text; everything else must be a JSON object.
     */
    public Outcome decode(DeviceId device, String uid, String templateId, DeviceData.Kind kind, String datastream,
            byte[] payload, Instant at) {
        Optional<JsonNode> parsed = kind == DeviceData.Kind.TELEMETRY && datastream != null
                ? singleValue(payload) : jsonObject(payload);
        if (parsed.isEmpty()) {
            activity.rejected(device, Rejection.NOT_JSON);
            return new Refused(Rejection.NOT_JSON);
        }
        DeviceDataSink.Checked checked = ingest.check(new DeviceData(device, uid, templateId, kind, datastream,
                parsed.get(), at));
        return checked.data().<Outcome>map(Store::new)
                .orElseGet(() -> new Refused(checked.rejected().isEmpty() ? Rejection.NOT_JSON : checked.rejected().getFirst()));
    }

    /** Counts a refusal decided elsewhere (a forbidden topic, say). */
    public void refused(DeviceId device, Rejection reason) {
        activity.rejected(device, reason);
    }

    private Optional<JsonNode> jsonObject(byte[] payload) {
        try {
            JsonNode node = json.readTree(payload);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> singleValue(byte[] payload) {
        try {
            JsonNode node = json.readTree(payload);
            if (node != null && !node.isMissingNode()) {
                return Optional.of(node);
            }
        } catch (JacksonException plainText) {
            // Not JSON: a single value may be plain text, as `mosquitto_pub -m hello` sends it.
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(JsonNodeFactory.instance.stringNode(text));
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }
}
