package dev.moor.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.moor.MoorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Moor of its own, started as {@code ./moor} starts it (command-line properties over application.yaml),
 * for tests of start, restart and settings that the shared test instance cannot change.
 */
public final class StandaloneMoor implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneMoor(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static StandaloneMoor start(Path dataDir, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--moor.data-dir=" + dataDir, "--server.port=0",
                "--moor.mqtt.port=" + FreePort.next(), "--moor.mqtt.tls-port=" + FreePort.next()));
        arguments.addAll(List.of(extraArguments));
        return new StandaloneMoor(new SpringApplicationBuilder(MoorApplication.class).run(arguments.toArray(String[]::new)));
    }

    public Api api() {
        return new Api(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @Override
    public void close() {
        context.close();
    }
}
