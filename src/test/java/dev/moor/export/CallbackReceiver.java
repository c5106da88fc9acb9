package dev.moor.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.moor.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP endpoint that records every POST it gets and fails the first {@code failures} of them with
 * HTTP 500, to stand in for a user's export callback.
 */
final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    private CallbackReceiver(int port, int failures) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int call = calls.incrementAndGet();
            int status = call <= failures ? 500 : 200;
            if (status == 200) {
                received.add(Api.JSON.readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static CallbackReceiver start(int failures) {
        return new CallbackReceiver(0, failures);
    }

    static CallbackReceiver startOn(int port) {
        return new CallbackReceiver(port, 0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    List<JsonNode> received() {
        return received;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
