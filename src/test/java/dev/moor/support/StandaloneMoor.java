package dev.moor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Moor of its own, in a separate JVM started as {@code ./moor} starts it (command-line properties over
 * application.yaml), for tests of start, restart, kill and settings that the shared test instance cannot
 * change. A separate process, because the embedded broker cannot be started twice in one JVM, and because
 * only a process can really be killed.
 */
public final class StandaloneMoor implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final Process process;
    private final int httpPort;
    private final int mqttPort;

    private StandaloneMoor(Process process, int httpPort, int mqttPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
    }

    /** Starts Moor on {@code dataDir} with free ports and waits until it is healthy. */
    public static StandaloneMoor start(Path dataDir, String... extraArguments) {
        return start(dataDir, FreePort.next(), FreePort.next(), extraArguments);
    }

    /** Starts Moor on {@code dataDir} with the given HTTP and MQTT ports and waits until it is healthy. */
    public static StandaloneMoor start(Path dataDir, int httpPort, int mqttPort, String... extraArguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.moor.MoorApplication", "--moor.data-dir=" + dataDir, "--server.port=" + httpPort,
                "--moor.mqtt.port=" + mqttPort, "--moor.mqtt.tls-port=0"));
        command.addAll(List.of(extraArguments));
        Path log = dataDir.resolve("moor-" + System.nanoTime() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            StandaloneMoor moor = new StandaloneMoor(process, httpPort, mqttPort);
            moor.awaitHealthy();
            return moor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(httpPort);
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** kill -9: no shutdown hook runs, nothing is recorded. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a service manager stops Moor, and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitHealthy() {
        Api api = api();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("Moor exited during start-up").isTrue();
            return api.get("/actuator/health", null).status() == 200;
        });
    }
}
