package dev.moor.connectivity.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.moor.connectivity.PresenceService;
import dev.moor.device.DeviceDeleted;
import dev.moor.shared.MoorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded HiveMQ CE broker, started with Moor and stopped before the database goes. Its listeners,
 * folders and TLS keystore come from Moor's settings; anonymous usage statistics are off, and logging stays
 * with Spring Boot. Before it accepts anyone, the sessions this node held in its previous run are ended.
 */
@Component
class Broker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final MoorProperties moor;
    private final MqttProperties properties;
    private final MoorExtension extension;
    private final SessionListener listener;
    private final PresenceService presence;
    private final Sessions sessions;
    private EmbeddedHiveMQ hivemq;
    private volatile boolean running;

    Broker(MoorProperties moor, MqttProperties properties, MoorExtension extension, SessionListener listener,
            PresenceService presence, Sessions sessions) {
        this.moor = moor;
        this.properties = properties;
        this.extension = extension;
        this.listener = listener;
        this.presence = presence;
        this.sessions = sessions;
    }

    @Override
    public synchronized void start() {
        try {
            presence.endSessionsOfThisNode("SERVER_RESTART");
            BrokerFiles files = new BrokerFiles(moor.dataDir());
            BrokerFiles.Keystore keystore = properties.tlsPort() > 0 ? files.keystore(properties) : null;
            files.writeConfig(moor.bindAddress(), properties, keystore);
            listener.starting();
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(files.config)
                    .withDataFolder(files.data)
                    .withExtensionsFolder(files.extensions)
                    .withoutLoggingBootstrap()
                    .withEmbeddedExtension(EmbeddedExtension.builder()
                            .withId("moor")
                            .withName("Moor device connectivity")
                            .withVersion("1")
                            .withAuthor("Moor")
                            .withPriority(1000)
                            .withStartPriority(1000)
                            .withExtensionMain(extension)
                            .build())
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            running = true;
            log.info("MQTT broker listening on {} (MQTT {}, MQTT over TLS {})", moor.bindAddress(),
                    properties.port() > 0 ? properties.port() : "off", properties.tlsPort() > 0 ? properties.tlsPort() : "off");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The MQTT broker did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        running = false;
        listener.stopping();
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            log.warn("The MQTT broker did not stop cleanly: {}", e.getMessage());
        } finally {
            hivemq = null;
        }
        // The sessions it held are ended by the next start, as after a crash: at shutdown the database may
        // already be going, and a shutdown must not wait on it.
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the ingest writers, before the web server: devices connect once everything is in place. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1500;
    }

    /** A deleted device's connection is closed at once; its token no longer authenticates. */
    @EventListener
    void on(DeviceDeleted deleted) {
        sessions.of(deleted.device()).ifPresent(connection -> com.hivemq.extension.sdk.api.services.Services
                .clientService().disconnectClient(connection.clientId(), true));
    }
}
