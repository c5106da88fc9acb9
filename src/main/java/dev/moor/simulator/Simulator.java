package dev.moor.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Simulated devices for trying Moor without hardware, and for load: {@code ./moor simulate --devices N --rate R}.
 * It makes (or reuses) devices named {@code sim-1..N} through the REST API, connects each over MQTT with its own
 * token, publishes device info once and telemetry R times per second, answers commands, and performs OTA
 * updates (download with the device token, md5 check, progress on the {@code ota} topic). See docs/simulator.md.
 */
public final class Simulator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder commands = new LongAdder();

    private Simulator(Options options) {
        this.options = options;
    }

    record Options(int devices, double rate, String api, String token, String mqttHost, int mqttPort, int seconds,
            String prefix) {
    }

    record SimDevice(long id, String uid, String token) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        try {
            new Simulator(options).run();
        } catch (IOException e) {
            System.err.println("simulate: cannot work with Moor at " + options.api() + ": " + e.getMessage());
            System.exit(1);
        } catch (java.util.concurrent.CompletionException e) {
            System.err.println("simulate: MQTT at " + options.mqttHost() + ":" + options.mqttPort() + " refused: "
                    + e.getCause().getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /** Runs the simulation for {@code options.seconds()} seconds (must be set), then disconnects every device. */
    static void runFor(Options options) throws Exception {
        if (options.seconds() <= 0) {
            throw new IllegalArgumentException("--seconds must be set");
        }
        new Simulator(options).run();
    }

    static String usage() {
        return """
                usage: ./moor simulate [--devices N] [--rate R] [--seconds S] [--api URL] [--token API_TOKEN]
                                       [--mqtt-host HOST] [--mqtt-port PORT] [--prefix NAME]
                  --devices N    simulated devices (default 10), named <prefix>-1..N, made on first use
                  --rate R       telemetry messages per second per device (default 1; 0.1 = one every 10 s)
                  --seconds S    stop after S seconds (default: run until Ctrl-C)
                  --api URL      Moor's HTTP address (default http://127.0.0.1:8080)
                  --token T      an API token allowed to create templates and devices
                                 (default: $MOOR_API_TOKEN, else ./data/bootstrap-token)
                  --mqtt-host H  (default 127.0.0.1)   --mqtt-port P (default $MOOR_MQTT_PORT or 1883)
                  --prefix NAME  device name prefix (default sim)""";
    }

    static Options parse(String[] args) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, value);
        }
        List<String> known = List.of("devices", "rate", "seconds", "api", "token", "mqtt-host", "mqtt-port", "prefix");
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        String token = values.getOrDefault("token", System.getenv("MOOR_API_TOKEN"));
        if (token == null || token.isBlank()) {
            Path bootstrap = Path.of(System.getenv().getOrDefault("MOOR_DATA_DIR", "data"), "bootstrap-token");
            if (!Files.exists(bootstrap)) {
                throw new IllegalArgumentException("no API token: pass --token, set MOOR_API_TOKEN, or run next to ./data");
            }
            token = Files.readString(bootstrap).strip();
        }
        try {
            int devices = Integer.parseInt(values.getOrDefault("devices", "10"));
            double rate = Double.parseDouble(values.getOrDefault("rate", "1"));
            if (devices < 1 || rate <= 0) {
                throw new IllegalArgumentException("--devices must be 1 or more and --rate above 0");
            }
            return new Options(devices, rate, values.getOrDefault("api", "http://127.0.0.1:8080"), token,
                    values.getOrDefault("mqtt-host", "127.0.0.1"),
                    Integer.parseInt(values.getOrDefault("mqtt-port", System.getenv().getOrDefault("MOOR_MQTT_PORT", "1883"))),
                    Integer.parseInt(values.getOrDefault("seconds", "0")), values.getOrDefault("prefix", "sim"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage());
        }
    }

    private void run() throws Exception {
        List<SimDevice> devices = provision();
        System.out.printf("simulate: %d devices, %.2f messages/s each, MQTT %s:%d%n", devices.size(), options.rate(),
                options.mqttHost(), options.mqttPort());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        long periodMicros = Math.max(1, (long) (1_000_000 / options.rate()));
        for (SimDevice device : devices) {
            Mqtt5AsyncClient client = connect(device);
            clients.add(client);
            long offset = ThreadLocalRandom.current().nextLong(periodMicros);
            scheduler.scheduleAtFixedRate(() -> telemetry(client, device), offset, periodMicros, TimeUnit.MICROSECONDS);
        }
        scheduler.scheduleAtFixedRate(this::report, 5, 5, TimeUnit.SECONDS);
        Runnable stop = () -> {
            scheduler.shutdownNow();
            clients.forEach(client -> client.disconnect().join());
            report();
        };
        if (options.seconds() > 0) {
            Thread.sleep(Duration.ofSeconds(options.seconds()));
            stop.run();
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop));
        Thread.currentThread().join();
    }

    private void report() {
        System.out.printf("simulate: sent %d, acknowledged %d, failed %d, commands answered %d%n", sent.sum(),
                acknowledged.sum(), failed.sum(), commands.sum());
    }

    private Mqtt5AsyncClient connect(SimDevice device) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5()
                .identifier(device.uid())
                .serverHost(options.mqttHost()).serverPort(options.mqttPort())
                .automaticReconnectWithDefaultConfig()
                .simpleAuth().username(device.uid()).password(device.token().getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        client.connect().join();
        client.subscribeWith().topicFilter("devices/" + device.uid() + "/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> onMessage(client, device, publish)).send().join();
        publish(client, "devices/" + device.uid() + "/info", Map.of("firmwareVersion", "1.0.0", "platform", "simulator",
                "board", "sim-board", "localIp", "10.0.0." + (device.id() % 250 + 2), "rssi", -40 - device.id() % 50,
                "freeHeap", 42_000));
        return client;
    }

    private void telemetry(Mqtt5AsyncClient client, SimDevice device) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        publish(client, "devices/" + device.uid() + "/telemetry", Map.of(
                "temperature", Math.round((18 + random.nextDouble() * 8) * 10) / 10.0,
                "humidity", random.nextInt(30, 70),
                "battery", random.nextInt(20, 101)));
    }

    private void publish(Mqtt5AsyncClient client, String topic, Object payload) {
        sent.increment();
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(JSON.writeValueAsBytes(payload)).send()
                .whenComplete((result, error) -> (error == null ? acknowledged : failed).increment());
    }

    private void onMessage(Mqtt5AsyncClient client, SimDevice device, Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        if (!topic.equals("devices/" + device.uid() + "/commands")) {
            return;
        }
        JsonNode command;
        try {
            command = JSON.readTree(publish.getPayloadAsBytes());
        } catch (RuntimeException notJson) {
            return;
        }
        String id = command.path("id").asString("");
        if (id.isEmpty()) {
            return;
        }
        String ackTopic = "devices/" + device.uid() + "/commands/" + id + "/ack";
        commands.increment();
        if (command.path("name").asString("").equals("ota") && command.path("payload").has("url")) {
            Thread.ofVirtual().start(() -> ota(client, device, command.get("payload"), ackTopic));
        } else {
            publish(client, ackTopic, Map.of("status", "ok", "result", Map.of("echo", command.path("name").asString(""))));
        }
    }

    /** Downloads the firmware with the device token, checks its md5, and reports each step on the ota topic. */
    private void ota(Mqtt5AsyncClient client, SimDevice device, JsonNode ota, String ackTopic) {
        String otaTopic = "devices/" + device.uid() + "/ota";
        String version = ota.path("version").asString("");
        try {
            publish(client, otaTopic, Map.of("status", "downloading", "progress", 0, "version", version));
            URI url = URI.create(options.api()).resolve(ota.get("url").asString());
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer " + device.token()).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("download answered " + response.statusCode());
            }
            publish(client, otaTopic, Map.of("status", "downloading", "progress", 100, "version", version));
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(response.body()));
            if (ota.has("md5") && !ota.get("md5").asString().equalsIgnoreCase(md5)) {
                throw new IOException("md5 mismatch");
            }
            publish(client, otaTopic, Map.of("status", "success", "progress", 100, "version", version));
            publish(client, "devices/" + device.uid() + "/info", Map.of("firmwareVersion", version));
            publish(client, ackTopic, Map.of("status", "ok", "result", Map.of("version", version, "md5", md5)));
        } catch (Exception e) {
            publish(client, otaTopic, Map.of("status", "failed", "version", version, "error", String.valueOf(e.getMessage())));
            publish(client, ackTopic, Map.of("status", "error", "result", Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    /** The devices {@code <prefix>-1..N}: found by name, or made (with a simulator template) when missing. */
    private List<SimDevice> provision() throws Exception {
        Map<String, SimDevice> existing = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            JsonNode found = call("GET", "/rest/v1/devices?q=" + options.prefix() + "-&size=1000&page=" + page, null);
            for (JsonNode device : found.get("content")) {
                existing.put(device.get("name").asString(), new SimDevice(device.get("id").asLong(),
                        device.get("uid").asString(), device.get("token").asString()));
            }
            if ((long) (page + 1) * 1000 >= found.get("totalElements").asLong()) {
                break;
            }
        }
        String template = null;
        List<SimDevice> devices = new ArrayList<>();
        for (int i = 1; i <= options.devices(); i++) {
            String name = options.prefix() + "-" + i;
            SimDevice device = existing.get(name);
            if (device == null) {
                if (template == null) {
                    template = call("POST", "/rest/v1/templates", Map.of("name", "Simulator " + options.prefix(),
                            "datastreams", List.of(Map.of("name", "temperature", "type", "DOUBLE", "min", -40, "max", 85),
                                    Map.of("name", "humidity", "type", "INTEGER", "min", 0, "max", 100),
                                    Map.of("name", "battery", "type", "INTEGER", "min", 0, "max", 100))))
                            .get("id").asString();
                }
                JsonNode created = call("POST", "/rest/v1/devices", Map.of("name", name, "templateId", template));
                device = new SimDevice(created.get("id").asLong(), created.get("uid").asString(),
                        created.get("token").asString());
            }
            devices.add(device);
        }
        return devices;
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.api() + path))
                .header("Authorization", "Bearer " + options.token()).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
