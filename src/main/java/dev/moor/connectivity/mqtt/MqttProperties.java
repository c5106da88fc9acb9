package dev.moor.connectivity.mqtt;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded broker's settings ({@code moor.mqtt.*}; each has a MOOR_* variable in application.yaml).
 *
 * @param port               plain MQTT listener; 0 turns it off
 * @param tlsPort            MQTT over TLS listener; 0 turns it off
 * @param tlsKeystore        a PKCS#12 or JKS keystore with the server certificate; empty: a self-signed
 *                           certificate is generated into {@code <data-dir>/broker/tls.p12} on first start
 * @param maxPayloadBytes    the largest device payload Moor accepts; larger ones are refused and counted
 * @param deviceRate         messages a device may send per second on average
 * @param deviceBurst        messages a device may send at once above that rate
 * @param connectRate        connection attempts one client address may make per minute
 * @param sendTimeout        how long {@code DeviceLink.send} waits for the device's PUBACK
 */
@ConfigurationProperties("moor.mqtt")
public record MqttProperties(
        @DefaultValue("1883") int port,
        @DefaultValue("8883") int tlsPort,
        Path tlsKeystore,
        String tlsKeystorePassword,
        @DefaultValue("65536") int maxPayloadBytes,
        @DefaultValue("100") int deviceRate,
        @DefaultValue("200") int deviceBurst,
        @DefaultValue("120") int connectRate,
        @DefaultValue("30s") Duration sendTimeout) {
}
