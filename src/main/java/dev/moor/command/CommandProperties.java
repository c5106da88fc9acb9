package dev.moor.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code moor.commands.*}: the largest payload accepted, how long a queued command waits by default and at
 * most, how often open commands are swept (delivery retries, expiry), and after how long a command published
 * without a PUBACK (for example across a restart) is treated as undelivered.
 */
@ConfigurationProperties("moor.commands")
public record CommandProperties(
        @DefaultValue("65536") int maxPayloadBytes,
        @DefaultValue("24h") Duration defaultTtl,
        @DefaultValue("30d") Duration maxTtl,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("60s") Duration unconfirmedAfter) {
}
