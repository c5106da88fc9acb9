package dev.moor.export;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Export settings ({@code moor.export.*}): how often the worker looks for work, how callbacks are retried,
 * and how long finished exports (and their download links) are kept.
 */
@ConfigurationProperties("moor.export")
public record ExportProperties(Duration pollInterval, Duration callbackInitialBackoff, int callbackMaxAttempts,
        Duration callbackTimeout, Duration retention) {
}
