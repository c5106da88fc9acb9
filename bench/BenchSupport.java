import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmarks share: a REST client for Moor and device provisioning. */
final class BenchSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Device(long id, String uid, String token) {
    }

    private BenchSupport() {
    }

    static JsonNode call(String api, String token, String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Makes {@code count} devices of a fresh three-datastream template, eight requests at a time. */
    static List<Device> devices(String api, String token, int count) throws Exception {
        String template = call(api, token, "POST", "/rest/v1/templates", Map.of("name", "Bench " + System.nanoTime(),
                "datastreams", List.of(Map.of("name", "temperature", "type", "DOUBLE"),
                        Map.of("name", "humidity", "type", "INTEGER"), Map.of("name", "battery", "type", "INTEGER"))))
                .get("id").asString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Device>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "bench-" + i;
            futures.add(pool.submit(() -> {
                JsonNode device = call(api, token, "POST", "/rest/v1/devices", Map.of("name", name, "templateId", template));
                return new Device(device.get("id").asLong(), device.get("uid").asString(), device.get("token").asString());
            }));
        }
        List<Device> devices = new ArrayList<>();
        for (Future<Device> future : futures) {
            devices.add(future.get());
        }
        pool.shutdown();
        return devices;
    }
}
