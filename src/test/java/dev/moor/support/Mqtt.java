package dev.moor.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

/** MQTT clients for tests, against the shared Moor's broker. */
public final class Mqtt {

    private Mqtt() {
    }

    /** An MQTT 5 client, not yet connected. */
    public static Mqtt5BlockingClient client(String clientId, String username, String password) {
        return client(MoorIntegrationTest.MQTT_PORT, clientId, username, password);
    }

    /** An MQTT 5 client of a Moor on another port, not yet connected. */
    public static Mqtt5BlockingClient client(int port, String clientId, String username, String password) {
        return MqttClient.builder().useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildBlocking();
    }

    /** An MQTT 5 client with a fresh client id, not yet connected. */
    public static Mqtt5BlockingClient client(String username, String password) {
        return client("test-" + UUID.randomUUID(), username, password);
    }

    /** An MQTT 3.1.1 client, not yet connected. */
    public static Mqtt3BlockingClient client3(String username, String password) {
        return MqttClient.builder().useMqttVersion3()
                .identifier("test3-" + UUID.randomUUID())
                .serverHost("127.0.0.1")
                .serverPort(MoorIntegrationTest.MQTT_PORT)
                .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildBlocking();
    }

    /**
     * A bare MQTT 3.1.1 connection over a socket, so that a test can drop it without DISCONNECT, as a device
     * losing power does. Returns the open socket after a successful CONNACK.
     */
    public static Socket rawConnect(String clientId, String username, String password) {
        try {
            Socket socket = new Socket("127.0.0.1", MoorIntegrationTest.MQTT_PORT);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writeString(body, "MQTT");
            body.write(4);          // protocol level 3.1.1
            body.write(0b1100_0010); // username, password, clean session
            body.write(0);
            body.write(60);         // keep alive 60 s
            writeString(body, clientId);
            writeString(body, username);
            writeString(body, password);
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(0x10);
            int length = body.size();
            do {
                int digit = length % 128;
                length /= 128;
                packet.write(length > 0 ? digit | 0x80 : digit);
            } while (length > 0);
            body.writeTo(packet);
            socket.getOutputStream().write(packet.toByteArray());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] connack = in.readNBytes(4);
            if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
                socket.close();
                throw new IllegalStateException("CONNECT refused");
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
