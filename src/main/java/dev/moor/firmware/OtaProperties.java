package dev.moor.firmware;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code moor.ota.*}: how long an OTA attempt may go without progress before it fails, and the base URL
 * devices download from (empty: the address the OTA was triggered through), and how often open attempts are checked.
 */
@ConfigurationProperties("moor.ota")
public record OtaProperties(@DefaultValue("10m") Duration timeout, @DefaultValue("") String publicUrl,
        @DefaultValue("5s") Duration sweepInterval) {
}
