package dev.moor.compat.mymote;

import java.util.Random;

import dev.moor.support.Api;
import dev.moor.support.Multipart;

/** Uploads a random binary of the given size through Moor's own multipart upload endpoints. */
final class Uploads {

    private Uploads() {
    }

    static Api.Response firmware(int port, String token, String path, int size) {
        byte[] binary = new byte[size];
        new Random(size).nextBytes(binary);
        return new Multipart().field("name", "Build " + size).field("version", "0.6.3")
                .file("file", "app.bin", "application/octet-stream", binary)
                .post(port, path, token);
    }
}
