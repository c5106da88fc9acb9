import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Server memory per idle connection: Moor's resident memory and heap after a full GC, before and after N
 * devices connect (each with its own token) and sit idle.
 *
 * <pre>java -cp CP bench/ConnectionsBenchmark.java API_URL API_TOKEN MQTT_PORT CONNECTIONS SERVER_PID</pre>
 */
public class ConnectionsBenchmark {

    record Memory(long rssKib, long heapUsedKib) {
    }

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String token = args[1];
        int port = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        long pid = Long.parseLong(args[4]);

        List<BenchSupport.Device> devices = BenchSupport.devices(api, token, count);
        Memory before = measure(pid);
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < count; from += 500) {
            List<CompletableFuture<?>> connecting = new ArrayList<>();
            for (BenchSupport.Device device : devices.subList(from, Math.min(count, from + 500))) {
                Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(device.uid())
                        .serverHost("127.0.0.1").serverPort(port)
                        .simpleAuth().username(device.uid()).password(device.token().getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth().buildAsync();
                clients.add(client);
                connecting.add(client.connectWith().keepAlive(600).send());
            }
            CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(10_000);
        Memory after = measure(pid);
        double rssPer = (after.rssKib() - before.rssKib()) * 1024.0 / count;
        double heapPer = (after.heapUsedKib() - before.heapUsedKib()) * 1024.0 / count;
        System.out.printf(Locale.ROOT, "RESULT connections=%d connectSeconds=%.1f rssBeforeMiB=%d rssAfterMiB=%d "
                        + "rssPerConnectionKiB=%.1f heapPerConnectionKiB=%.1f%n", count, seconds, before.rssKib() / 1024,
                after.rssKib() / 1024, rssPer / 1024, heapPer / 1024);
        String check = BenchSupport.call(api, token, "GET", "/rest/v1/devices?size=1", null).get("totalElements").toString();
        System.out.println("CHECK devices " + check);
        clients.forEach(client -> client.disconnect());
        System.exit(0);
    }

    private static Memory measure(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        Thread.sleep(2000);
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        String heap = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heap);
        if (!rss.find() || !used.find()) {
            throw new IllegalStateException("cannot read the server's memory");
        }
        return new Memory(Long.parseLong(rss.group(1)), Long.parseLong(used.group(1)));
    }

    private static String run(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
