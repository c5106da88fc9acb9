package dev.moor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole of Moor on a random HTTP port, with embedded PostgreSQL in a
 * data directory of its own. Test classes share one running Moor (Spring caches the context), so each test
 * makes its own organizations, users and devices through {@link Fixtures} instead of relying on a clean database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class MoorIntegrationTest {

    public static final String ADMIN_TOKEN = "moor_test_admin_token_0123456789abcdefghijklmno";

    private static final Path DATA_DIR = newDataDir();
    /** The shared Moor's MQTT listeners, on free ports. */
    public static final int MQTT_PORT = freePort();
    public static final int MQTTS_PORT = freePort();

    @LocalServerPort
    protected int port;

    protected Api api;
    protected Fixtures fixtures;

    @DynamicPropertySource
    static void moorProperties(DynamicPropertyRegistry registry) {
        registry.add("moor.data-dir", DATA_DIR::toString);
        registry.add("moor.bootstrap-token", () -> ADMIN_TOKEN);
        registry.add("moor.mqtt.port", () -> MQTT_PORT);
        registry.add("moor.mqtt.tls-port", () -> MQTTS_PORT);
        // Every test client connects from 127.0.0.1: the per-address connection limit would throttle the suite.
        registry.add("moor.mqtt.connect-rate", () -> 100_000);
    }

    @BeforeEach
    void connectApi() {
        api = new Api(port);
        fixtures = new Fixtures(api);
    }

    /** A TCP port that is free right now. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("moor-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
