package dev.moor.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moor.connectivity.DeviceConnected;
import dev.moor.connectivity.DeviceLink;
import dev.moor.connectivity.DeviceMessageReceived;
import dev.moor.device.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves commands to devices and back: publishes them on {@code devices/{uid}/commands} through the
 * {@link DeviceLink}, records the PUBACK, takes the device's reply from {@code commands/{id}/ack}, delivers
 * queued commands when a device connects, and sweeps open commands (retries, expiry, lost confirmations).
 * Work triggered by the broker runs on virtual threads, never on the broker's own threads.
 */
@Component
class CommandDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandDelivery.class);
    static final String TOPIC = "commands";
    private static final Pattern ACK = Pattern.compile("^commands/([^/]+)/ack$");
    /** A device that has just connected subscribes right after CONNACK; give it a moment before the first try. */
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration OFFLINE_RECHECK = Duration.ofSeconds(60);

    private final CommandStore commands;
    private final DeviceLink link;
    private final JsonMapper json;
    private final CommandProperties properties;
    private final CommandTimeline timeline;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    CommandDelivery(CommandStore commands, DeviceLink link, JsonMapper json, CommandProperties properties,
            CommandTimeline timeline) {
        this.commands = commands;
        this.timeline = timeline;
        this.link = link;
        this.json = json;
        this.properties = properties;
    }

    boolean isOnline(DeviceId device) {
        return link.isOnline(device);
    }

    /**
     * Publishes a queued command if it is still due and the device is online, and returns it as it now
     * stands. The PUBACK, or its absence, is handled when it comes.
     */
    Optional<Command> deliver(CommandId id, DeviceId device) {
        if (!link.isOnline(device)) {
            return commands.find(id);
        }
        Optional<Command> claimed = commands.claim(id);
        claimed.ifPresent(command -> {
            timeline.sent(command);
            link.send(device, TOPIC, wire(command)).whenCompleteAsync((delivery, error) ->
                    settle(command, error == null ? delivery : DeviceLink.Delivery.FAILED), workers);
        });
        return claimed.isPresent() ? claimed : commands.find(id);
    }

    private void settle(Command command, DeviceLink.Delivery delivery) {
        try {
            switch (delivery) {
                case DELIVERED -> commands.delivered(command.commandId());
                case NOT_CONNECTED -> undelivered(command, "The device went offline before the command reached it.", OFFLINE_RECHECK);
                case FAILED -> undelivered(command, "The device did not take the command (not subscribed, or no PUBACK in time).", RETRY);
            }
        } catch (RuntimeException e) {
            log.warn("Could not record the delivery of command {}", command.id(), e);
        }
    }

    private void undelivered(Command command, String reason, Duration retryAfter) {
        if (command.whenOffline() == WhenOffline.QUEUE) {
            commands.requeue(command.commandId(), Instant.now().plus(retryAfter));
        } else if (commands.fail(command.commandId(), reason)) {
            timeline.failed(command, reason);
        }
    }

    /** The bytes the device receives: {@code {"id", "name", "payload"}}, and {@code time} when one was given. */
    byte[] wire(Command command) {
        ObjectNode message = json.createObjectNode();
        message.put("id", command.id().toString());
        message.put("name", command.name());
        message.set("payload", command.payload());
        if (command.time() != null) {
            message.put("time", command.time().toString());
        }
        return json.writeValueAsBytes(message);
    }

    void deliverDue(DeviceId device) {
        deliverEach(device, commands.dueFor(device));
    }

    private void deliverEach(DeviceId device, List<CommandId> ids) {
        for (CommandId id : ids) {
            if (!link.isOnline(device)) {
                return;
            }
            deliver(id, device);
        }
    }

    /** A device has connected: after a moment to subscribe, it gets everything queued for it, oldest first. */
    @EventListener
    void onConnected(DeviceConnected connected) {
        workers.execute(() -> {
            try {
                Thread.sleep(SETTLE);
                deliverEach(connected.device(), commands.queuedFor(connected.device()));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Could not deliver the queued commands of device {}; the sweep retries", connected.device(), e);
            }
        });
    }

    @EventListener
    void onMessage(DeviceMessageReceived message) {
        Matcher ack = ACK.matcher(message.subtopic());
        if (!ack.matches()) {
            return;
        }
        workers.execute(() -> acknowledge(message.device(), ack.group(1), message.payload()));
    }

    /** The device's reply {@code {"status": "ok" | "error", "result"?: any}}; anything else is ignored and logged. */
    private void acknowledge(DeviceId device, String commandId, byte[] payload) {
        try {
            CommandId id = CommandId.parse(commandId);
            JsonNode reply = json.readTree(new String(payload, StandardCharsets.UTF_8));
            String status = reply.path("status").asString("").strip().toLowerCase(java.util.Locale.ROOT);
            CommandStatus outcome = switch (status) {
                case "ok" -> CommandStatus.ACKNOWLEDGED;
                case "error" -> CommandStatus.FAILED;
                default -> null;
            };
            if (outcome == null) {
                log.info("Device {} answered command {} without status \"ok\" or \"error\"; ignored", device, commandId);
                return;
            }
            JsonNode result = reply.has("result") ? reply.get("result") : null;
            if (commands.answer(id, device, outcome, result)) {
                commands.find(id).ifPresent(timeline::answered);
            } else {
                log.info("Device {} answered command {}, which is not open for it; ignored", device, commandId);
            }
        } catch (RuntimeException malformed) {
            log.info("Device {} sent an unreadable answer to command {}; ignored", device, commandId);
        }
    }

    /** Retries due commands of online devices, expires queued commands past their time, releases lost sends. */
    @Scheduled(fixedDelayString = "${moor.commands.sweep-interval:1s}")
    void sweep() {
        try {
            commands.expire().forEach(timeline::expired);
            commands.releaseUnconfirmed(Instant.now().minus(properties.unconfirmedAfter()));
            List<DeviceId> due = commands.devicesWithDueCommands(1000);
            for (DeviceId device : due) {
                if (link.isOnline(device)) {
                    workers.execute(() -> deliverDue(device));
                } else {
                    // Until the device connects (which makes them due again), look at them only now and then.
                    commands.makeDueAt(device, Instant.now().plus(OFFLINE_RECHECK));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Command sweep failed; retrying on the next one", e);
        }
    }

    ExecutorService workers() {
        return workers;
    }

    @Override
    public void destroy() {
        workers.shutdown();
    }
}
