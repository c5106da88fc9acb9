package dev.moor.compat.losant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.sun.net.httpserver.HttpServer;
import dev.moor.support.Api;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Losant's official REST client, npm {@code losant-rest} 2.8.1 (pinned by src/test/losant-client/package-lock.json),
 * pointed at this Moor (devices get, post, export and sendCommand; device get, patch, delete, sendState,
 * getState, getLogEntries, sendCommand and getCommand). {@code npm ci} installs it once into target/losant-client; node then runs
 * conformance.js, which prints what each call returned. If a call fails because Moor differs from
 * Losant, Moor is wrong. Node and npm are required: without them this test fails, it does not skip.
 */
class LosantClientConformanceTests extends MoorIntegrationTest {

    private static final Path SOURCE = Path.of("src/test/losant-client");
    private static final Path WORK = Path.of("target/losant-client");

    @Test
    void theOfficialClientListsCreatesExportsReadsPatchesAndDeletesDevices() throws Exception {
        installClient();
        LosantTenant losant = LosantTenant.create(api, fixtures);
        List<JsonNode> callbacks = new CopyOnWriteArrayList<>();
        HttpServer callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/export-done", exchange -> {
            callbacks.add(Api.JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        callback.start();
        JsonNode results;
        try {
            results = run(Map.of("MOOR_URL", "http://127.0.0.1:" + port, "MOOR_TOKEN", losant.token(),
                    "APPLICATION_ID", losant.applicationId(),
                    "CALLBACK_URL", "http://127.0.0.1:" + callback.getAddress().getPort() + "/export-done"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !callbacks.isEmpty());
        } finally {
            callback.stop(0);
        }

        JsonNode created = results.get("created");
        String id = created.get("id").asString();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(created.get("deviceId").asString()).isEqualTo(id);
        assertThat(created.get("applicationId").asString()).isEqualTo(losant.applicationId());
        assertThat(created.get("name").asString()).isEqualTo("Conformance Boiler");
        assertThat(created.get("description").asString()).isEqualTo("made by losant-rest");
        assertThat(created.get("tags").get(0).get("value").asString()).isEqualTo("8");
        assertThat(created.get("attributes").get(0).get("name").asString()).isEqualTo("temperature");
        assertThat(created.get("connectionInfo").get("connected").asInt()).isZero();

        JsonNode list = results.get("list");
        assertThat(list.get("totalCount").asInt()).isEqualTo(2);
        assertThat(list.get("perPage").asInt()).isEqualTo(1000);
        assertThat(names(list)).containsExactly("Conformance Boiler", "Conformance Pump");

        JsonNode filtered = results.get("filtered");
        assertThat(filtered.get("totalCount").asInt()).isEqualTo(1);
        assertThat(filtered.get("perPage").asInt()).isEqualTo(1);
        assertThat(filtered.get("sortDirection").asString()).isEqualTo("desc");
        assertThat(filtered.get("filter").asString()).isEqualTo("Conformance *");
        assertThat(filtered.get("tagFilter").get(0).get("key").asString()).isEqualTo("floor");
        assertThat(names(filtered)).containsExactly("Conformance Boiler");
        assertThat(filtered.get("items").get(0).has("connectionInfo")).isFalse();
        assertThat(names(results.get("byTagKey"))).containsExactly("Conformance Pump");

        assertThat(results.get("exported").get("success").asBoolean()).isTrue();
        JsonNode exportResult = callbacks.getFirst();
        assertThat(exportResult.get("success").asBoolean()).isTrue();
        Api.Response file = api.get(exportResult.get("downloadUrl").asString().replaceFirst("^http://[^/]+", ""), null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body().get("applicationId").asString()).isEqualTo(losant.applicationId());
        assertThat(StreamSupport.stream(file.body().get("devices").spliterator(), false).map(d -> d.get("name").asString()))
                .isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("Conformance"));

        assertThat(results.get("commandSent").get("success").asBoolean()).isTrue();
        assertThat(results.get("deviceCommandSent").get("success").asBoolean()).isTrue();
        JsonNode commands = results.get("commands");
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).get("name").asString()).isEqualTo("myCommand");
        assertThat(commands.get(0).get("time").asString()).isEqualTo("2016-06-13T04:00:00.000Z");
        assertThat(commands.get(0).get("payload")).hasSize(5);
        assertThat(commands.get(1).get("name").asString()).isEqualTo("blink");
        assertThat(commands.get(1).get("payload").get("times").asInt()).isEqualTo(2);

        assertThat(results.get("got").get("id").asString()).isEqualTo(id);
        assertThat(results.get("got").get("name").asString()).isEqualTo("Conformance Boiler");
        JsonNode patched = results.get("patched");
        assertThat(patched.get("name").asString()).isEqualTo("Conformance Kettle");
        assertThat(patched.get("tags").get(0).get("value").asString()).isEqualTo("7");
        assertThat(patched.get("description").asString()).isEqualTo("made by losant-rest");
        assertThat(results.get("stateSent").get("success").asBoolean()).isTrue();
        assertThat(results.get("state")).hasSize(1);
        assertThat(results.get("state").get(0).get("data").get("temperature").asDouble()).isEqualTo(19.5);
        assertThat(results.get("logEntries").isArray()).as("a device that never connected has an empty log").isTrue();
        assertThat(results.get("logEntries")).isEmpty();
        assertThat(results.get("deleted").get("success").asBoolean()).isTrue();

        assertThat(results.get("afterDelete").get("statusCode").asInt()).isEqualTo(404);
        assertThat(results.get("afterDelete").get("type").asString()).isEqualTo("NotFound");
        assertThat(results.get("afterDelete").get("message").asString()).isEqualTo("Device was not found");
        assertThat(results.get("unknownApplication").get("statusCode").asInt()).isEqualTo(404);
        assertThat(results.get("unknownApplication").get("message").asString()).isEqualTo("Application was not found");
        assertThat(results.get("malformed").get("statusCode").asInt()).isEqualTo(400);
        assertThat(results.get("malformed").get("type").asString()).isEqualTo("Validation");

        // What the client did is what Moor now holds.
        assertThat(losant.count()).isEqualTo(1);
        assertThat(api.get(losant.device(id), losant.token()).body().get("name").asString()).isEqualTo("Conformance Kettle");
    }

    private static List<String> names(JsonNode devices) {
        return StreamSupport.stream(devices.get("items").spliterator(), false).map(item -> item.get("name").asString()).toList();
    }

    /** npm ci into target/losant-client, once per build (again only when the lock file changes). */
    private static synchronized void installClient() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path lock = WORK.resolve("package-lock.json");
        boolean current = Files.exists(WORK.resolve("node_modules/losant-rest/package.json")) && Files.exists(lock)
                && Files.mismatch(lock, SOURCE.resolve("package-lock.json")) == -1;
        for (String file : List.of("package.json", "package-lock.json", "conformance.js")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
            Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(3));
            assertThat(install.exitCode()).as("npm ci failed:%n%s", install.output()).isZero();
        }
        JsonNode installed = Api.JSON.readTree(WORK.resolve("node_modules/losant-rest/package.json").toFile());
        assertThat(installed.get("version").asString()).isEqualTo("2.8.1");
    }

    private static JsonNode run(Map<String, String> environment) throws IOException, InterruptedException {
        Result result = exec(List.of("node", "conformance.js"), environment, Duration.ofMinutes(2));
        assertThat(result.exitCode()).as("conformance.js failed:%n%s", result.output()).isZero();
        return Api.JSON.readTree(result.stdout());
    }

    private record Result(int exitCode, String stdout, String output) {
    }

    private static Result exec(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile());
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("losant-client-", ".out");
        Path stderr = Files.createTempFile("losant-client-", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException missing) {
            throw new AssertionError(command.getFirst() + " is needed for the Losant conformance test but could not be "
                    + "started; install Node.js 18 or newer with npm.", missing);
        }
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        try {
            String out = Files.readString(stdout);
            return new Result(process.exitValue(), out, out + Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
