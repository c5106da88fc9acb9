package dev.moor.compat.mymote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import dev.moor.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** Uploads a random binary of the given size through Moor's own multipart upload endpoints. */
final class Uploads {

    private Uploads() {
    }

    static Api.Response firmware(int port, String token, String path, int size) {
        byte[] binary = new byte[size];
        new Random(size).nextBytes(binary);
        String boundary = "moor-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nBuild " + size
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n0.6.3\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"app.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(binary);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = Api.JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = MissingNode.getInstance();
            }
            return new Api.Response(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
