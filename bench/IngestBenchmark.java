import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/**
 * Ingest: D devices each publish M QoS 1 messages of three datapoints as fast as PUBACKs allow (the broker's
 * receive maximum bounds what is in flight). Reports acknowledged messages per second.
 *
 * <pre>
 * moor mode: java -cp CP bench/IngestBenchmark.java moor API_URL API_TOKEN MQTT_PORT DEVICES MESSAGES
 * bare mode: java -cp CP bench/IngestBenchmark.java bare - - MQTT_PORT DEVICES MESSAGES
 * </pre>
 */
public class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String api = args[1];
        String token = args[2];
        int port = Integer.parseInt(args[3]);
        int deviceCount = Integer.parseInt(args[4]);
        int messages = Integer.parseInt(args[5]);

        List<BenchSupport.Device> devices = new ArrayList<>();
        if (mode.equals("moor")) {
            devices = BenchSupport.devices(api, token, deviceCount);
        } else {
            for (int i = 0; i < deviceCount; i++) {
                devices.add(new BenchSupport.Device(0, "bench_bare_" + i, null));
            }
        }
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (BenchSupport.Device device : devices) {
            Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier(device.uid())
                    .serverHost("127.0.0.1").serverPort(port);
            if (device.token() != null) {
                builder = builder.simpleAuth().username(device.uid())
                        .password(device.token().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
            }
            Mqtt5AsyncClient client = builder.buildAsync();
            client.connect().join();
            clients.add(client);
        }
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<?>> acks = new ArrayList<>(deviceCount * messages);
        long start = System.nanoTime();
        for (int m = 0; m < messages; m++) {
            for (int d = 0; d < clients.size(); d++) {
                byte[] payload = String.format(Locale.ROOT, "{\"temperature\": %.1f, \"humidity\": %d, \"battery\": %d}",
                        15 + (m % 100) / 10.0, 30 + m % 40, 100 - m % 100).getBytes(StandardCharsets.UTF_8);
                acks.add(clients.get(d).publishWith().topic("devices/" + devices.get(d).uid() + "/telemetry")
                        .qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                        .whenComplete((result, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        }));
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((ok, error) -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = (long) deviceCount * messages;
        System.out.printf(Locale.ROOT, "RESULT mode=%s devices=%d messages=%d failed=%d seconds=%.2f msgPerSec=%.0f%n",
                mode, deviceCount, total, failed.get(), seconds, (total - failed.get()) / seconds);
        if (mode.equals("moor")) {
            // Spot check: the first device's history holds every one of its messages.
            long stored = BenchSupport.call(api, token, "GET", "/rest/v1/devices/" + devices.getFirst().id()
                    + "/datastreams/temperature/history?size=1&from=2000-01-01T00:00:00Z", null).get("totalElements").asLong();
            System.out.printf("CHECK first device stored %d of %d messages%n", stored, messages);
        }
        clients.forEach(client -> client.disconnect().join());
        System.exit(0);
    }
}
