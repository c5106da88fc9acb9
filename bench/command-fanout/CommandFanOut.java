import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Times one many-device command to N connected simulated devices: creates N devices with a shared tag through
 * the API, connects each over MQTT and subscribes it to its command topic, then sends one command by tag and
 * reports how long it took until every device had received it (and how long the API took to answer).
 *
 * <p>Run it against a running Moor with {@code run.sh}; settings come from the environment: MOOR_URL
 * (http://127.0.0.1:8080), MOOR_MQTT_HOST (127.0.0.1), MOOR_MQTT_PORT (1883), MOOR_TOKEN (an API token with
 * every device permission), DEVICES (10000).
 */
public class CommandFanOut {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern FIELD = Pattern.compile("\"(id|uid|token)\"\\s*:\\s*\"?([^\",}]+)\"?");

    public static void main(String[] args) throws Exception {
        String base = env("MOOR_URL", "http://127.0.0.1:8080");
        String token = env("MOOR_TOKEN", "");
        String host = env("MOOR_MQTT_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("MOOR_MQTT_PORT", "1883"));
        int count = Integer.parseInt(env("DEVICES", "10000"));
        String tag = "bench-" + UUID.randomUUID().toString().substring(0, 8);

        String template = field(post(base, token, "/rest/v1/templates", "{\"name\": \"Bench " + tag + "\"}"), "id");
        long started = System.nanoTime();
        List<String[]> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = post(base, token, "/rest/v1/devices", "{\"name\": \"bench " + i + "\", \"templateId\": \"" + template
                    + "\", \"tags\": [{\"key\": \"bench\", \"value\": \"" + tag + "\"}]}");
            devices.add(new String[] {field(body, "uid"), field(body, "token")});
        }
        System.out.printf("created %d devices in %.1f s%n", count, seconds(started));

        CountDownLatch received = new CountDownLatch(count);
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        List<CompletableFuture<?>> ready = new ArrayList<>();
        started = System.nanoTime();
        for (String[] device : devices) {
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("bench-" + device[0])
                    .serverHost(host).serverPort(port)
                    .simpleAuth().username(device[0]).password(device[1].getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildAsync();
            clients.add(client);
            ready.add(client.connect().thenCompose(connected -> client.subscribeWith()
                    .topicFilter("devices/" + device[0] + "/commands").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> received.countDown()).send()));
            if (ready.size() % 500 == 0) {
                CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        System.out.printf("connected and subscribed %d devices in %.1f s%n", count, seconds(started));

        started = System.nanoTime();
        post(base, token, "/rest/v1/command-batches", "{\"name\": \"bench\", \"payload\": {\"n\": 1}, \"deviceTags\": "
                + "[{\"key\": \"bench\", \"value\": \"" + tag + "\"}], \"whenOffline\": \"queue\"}");
        double answered = seconds(started);
        boolean all = received.await(10, TimeUnit.MINUTES);
        double delivered = seconds(started);
        System.out.printf("API answered in %.3f s; %s devices received the command after %.2f s (%.0f commands/s)%n",
                answered, all ? "all " + count : (count - received.getCount()) + " of " + count, delivered,
                (count - received.getCount()) / delivered);
        clients.forEach(client -> client.disconnect());
    }

    private static String post(String base, String token, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
