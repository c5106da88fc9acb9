package dev.moor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moor in a JVM of its own, on a given data directory, with the test admin token. The embedded broker keeps
 * process-wide state, so a second broker in the test JVM would disturb the shared test Moor's; tests that
 * need a restart or other settings with MQTT run Moor this way instead.
 */
public final class MoorProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Process process;
    private final int httpPort;
    private final int mqttPort;

    private MoorProcess(Process process, int httpPort, int mqttPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
    }

    /** Starts Moor on the data directory with extra {@code --name=value} arguments and waits until it is healthy. */
    public static MoorProcess start(Path dataDir, String... extraArguments) {
        int http = FreePort.next();
        int mqtt = FreePort.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.moor.MoorApplication", "--moor.data-dir=" + dataDir, "--server.port=" + http,
                "--moor.mqtt.port=" + mqtt, "--moor.mqtt.tls-port=0",
                "--moor.bootstrap-token=" + MoorIntegrationTest.ADMIN_TOKEN));
        command.addAll(List.of(extraArguments));
        File log = dataDir.resolve("moor-" + System.nanoTime() + ".log").toFile();
        try {
            MoorProcess moor = new MoorProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start(),
                    http, mqtt);
            Api api = moor.api();
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                assertThat(moor.process.isAlive()).as("Moor exited; see " + log).isTrue();
                return api.get("/actuator/health", null).status() == 200;
            });
            return moor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(httpPort);
    }

    public int port() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** Stops Moor as a service manager would (SIGTERM, then SIGKILL after a minute). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
