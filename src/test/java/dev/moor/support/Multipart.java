package dev.moor.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built by hand, as {@code curl -F} sends it, and posted to Moor. */
public final class Multipart {

    private final String boundary = "moor-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public Multipart field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public Multipart file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The {@code file} part as firmware uploads name it: {@code -F "file=@firmware.bin;type=…"}. */
    public Multipart file(byte[] content, String contentType) {
        return file("file", "firmware.bin", contentType, content);
    }

    public Api.Response post(int port, String path, String token) {
        write("--" + boundary + "--\r\n");
        return new Api(port).send("POST", path, token, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
