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
 * A Moor of its own, started as {@code ./moor} starts it (command-line properties over application.yaml),
 * for tests of start, restart and settings that the shared test instance cannot change. It runs in a JVM of
 * its own: the embedded MQTT broker keeps process-wide state, and stopping a second broker inside the test
 * JVM would stop the shared test Moor's broker from delivering anything.
 */
public final class StandaloneMoor implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Process process;
    private final int httpPort;
    private final int mqttPort;

    private StandaloneMoor(Process process, int httpPort, int mqttPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
    }

    /** Starts Moor on the data directory with extra {@code --name=value} arguments, and waits until it is healthy. */
    public static StandaloneMoor start(Path dataDir, String... extraArguments) {
        int http = FreePort.next();
        int mqtt = FreePort.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.moor.MoorApplication", "--moor.data-dir=" + dataDir, "--server.port=" + http,
                "--moor.mqtt.port=" + mqtt, "--moor.mqtt.tls-port=" + FreePort.next()));
        command.addAll(List.of(extraArguments));
        File log = dataDir.resolve("moor-" + System.nanoTime() + ".log").toFile();
        try {
            StandaloneMoor moor = new StandaloneMoor(
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start(), http, mqtt);
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

    /** The HTTP port. */
    public int port() {
        return httpPort;
    }

    /** The plain MQTT port. */
    public int mqttPort() {
        return mqttPort;
    }

    /** Stops Moor as a service manager would: SIGTERM, then SIGKILL after a minute. */
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
