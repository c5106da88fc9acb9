package dev.moor.shared;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Moor's own settings: {@code moor.*} in application.yaml, each overridable by a MOOR_* variable. */
@ConfigurationProperties("moor")
public record MoorProperties(
        Path dataDir,
        String bindAddress,
        Database database,
        Mqtt mqtt,
        String bootstrapToken,
        String bootstrapAdminEmail,
        String secretKey,
        Api api) {

    public record Database(String url, String user, String password) {

        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public record Mqtt(int port, int tlsPort) {
    }

    public record Api(RateLimit rateLimit) {
    }

    public record RateLimit(long requests, Duration period) {
    }
}
