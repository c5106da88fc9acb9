package dev.moor.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;

/** An uploaded binary with its checksums, both computed as the bytes stream in. */
record FirmwareFile(byte[] content, String md5, String sha256) {

    private static final int CHUNK = 64 * 1024;

    /**
     * Reads the stream to its end, refusing it with PAYLOAD_TOO_LARGE as soon as it passes {@code maxBytes}
     * (so an over-size file is never read in full) and with VALIDATION_FAILED when it is empty.
     */
    static FirmwareFile read(InputStream in, int maxBytes) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        ByteArrayOutputStream content = new ByteArrayOutputStream(Math.min(maxBytes, 1024 * 1024));
        byte[] buffer = new byte[CHUNK];
        try (in) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (content.size() + read > maxBytes) {
                    throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE,
                            "file is larger than the limit of " + maxBytes + " bytes.", Map.of("maxBytes", maxBytes));
                }
                content.write(buffer, 0, read);
                md5.update(buffer, 0, read);
                sha256.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "file could not be read to its end.");
        }
        if (content.size() == 0) {
            throw DomainException.invalid("file is empty.");
        }
        return new FirmwareFile(content.toByteArray(), hex(md5.digest()), hex(sha256.digest()));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }
}
