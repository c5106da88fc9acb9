package dev.moor.connectivity.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's folders under {@code <data-dir>/broker} and its config.xml, written from Moor's settings on
 * every start (so the settings, not a stale file, decide), and the TLS keystore.
 */
final class BrokerFiles {

    private static final Logger log = LoggerFactory.getLogger(BrokerFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path root;
    final Path config;
    final Path data;
    final Path extensions;

    BrokerFiles(Path dataDir) throws IOException {
        this.root = dataDir.resolve("broker").toAbsolutePath();
        this.config = Files.createDirectories(root.resolve("conf"));
        this.data = Files.createDirectories(root.resolve("data"));
        this.extensions = Files.createDirectories(root.resolve("extensions"));
    }

    /** A keystore and its password. */
    record Keystore(Path path, String password) {
    }

    void writeConfig(String bindAddress, MqttProperties properties, Keystore keystore) throws IOException {
        StringBuilder listeners = new StringBuilder();
        if (properties.port() > 0) {
            listeners.append("""
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>mqtt</name>
                        </tcp-listener>
                    """.formatted(properties.port(), xml(bindAddress)));
        }
        if (properties.tlsPort() > 0) {
            listeners.append("""
                        <tls-tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <tls>
                                <keystore>
                                    <path>%s</path>
                                    <password>%s</password>
                                    <private-key-password>%s</private-key-password>
                                </keystore>
                                <client-authentication-mode>NONE</client-authentication-mode>
                            </tls>
                        </tls-tcp-listener>
                    """.formatted(properties.tlsPort(), xml(bindAddress), xml(keystore.path().toString()),
                    xml(keystore.password()), xml(keystore.password())));
        }
        // The broker refuses packets far above Moor's payload limit outright; those up to it reach Moor, which
        // refuses and counts what is over its limit.
        int maxPacket = Math.max(properties.maxPayloadBytes() * 4, 1 << 20);
        String xml = """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                %s    </listeners>
                    <mqtt>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <restrictions>
                        <no-connect-idle-timeout>10000</no-connect-idle-timeout>
                    </restrictions>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listeners, maxPacket, 32);
        Files.writeString(config.resolve("config.xml"), xml);
    }

    /**
     * The configured keystore, or a self-signed certificate made with the JDK's keytool on first start and
     * kept in {@code tls.p12} (its password in {@code tls.password}, readable by the owner only).
     */
    Keystore keystore(MqttProperties properties) throws IOException {
        if (properties.tlsKeystore() != null && !properties.tlsKeystore().toString().isBlank()) {
            return new Keystore(properties.tlsKeystore().toAbsolutePath(),
                    properties.tlsKeystorePassword() == null ? "" : properties.tlsKeystorePassword());
        }
        Path keystore = root.resolve("tls.p12");
        Path passwordFile = root.resolve("tls.password");
        if (Files.exists(keystore) && Files.exists(passwordFile)) {
            return new Keystore(keystore, Files.readString(passwordFile).strip());
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "moor", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=moor",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password, "-noprompt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make the MQTT TLS certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making the MQTT TLS certificate", e);
        }
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        log.info("Made a self-signed certificate for MQTT over TLS in {}", keystore);
        return new Keystore(keystore, password);
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
