package dev.moor.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.moor.shared.MoorProperties;
import org.springframework.stereotype.Service;

/**
 * Device auth tokens. Some vendor APIs hand a device's token back in clear (Blynk's device payload has
 * {@code token}), so a one-way hash is not enough: tokens are stored AES-GCM encrypted under the server key,
 * and found again through an HMAC of the token, which needs no decryption.
 *
 * <p>The server key is {@code MOOR_SECRET_KEY}, or {@code <data-dir>/secret.key}, made on first start.
 * Nodes sharing a database must share the key.
 */
@Service
public class DeviceCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;

    DeviceCredentials(MoorProperties properties) throws IOException, GeneralSecurityException {
        byte[] master = serverKey(properties);
        this.encryptionKey = new SecretKeySpec(derive(master, "moor device token encryption"), "AES");
        this.indexKey = new SecretKeySpec(derive(master, "moor device token index"), "HmacSHA256");
    }

    /** A freshly issued device token, with what is stored of it. */
    public record IssuedToken(String token, byte[] ciphertext, byte[] index) {
    }

    /** Issues a new token of 32 random URL-safe characters. */
    public IssuedToken issue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new IssuedToken(token, encrypt(token), index(token));
    }

    /** The keyed hash under which a device is found by its token. */
    public byte[] index(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The token in clear, from its stored ciphertext. */
    public String reveal(byte[] ciphertext) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(ciphertext);
            byte[] iv = new byte[IV_BYTES];
            buffer.get(iv);
            byte[] sealed = new byte[buffer.remaining()];
            buffer.get(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A device token cannot be decrypted: is MOOR_SECRET_KEY the one it was made with?", e);
        }
    }

    private byte[] encrypt(String token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(master, "HmacSHA256"));
        return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] serverKey(MoorProperties properties) throws IOException {
        if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(properties.secretKey().strip());
            if (key.length < 32) {
                throw new IllegalStateException("MOOR_SECRET_KEY must be the Base64 of at least 32 random bytes.");
            }
            return key;
        }
        Path file = properties.dataDir().resolve("secret.key");
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).strip());
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        writePrivately(file, Base64.getEncoder().encodeToString(key) + "\n");
        return key;
    }

    /** Writes a file that only its owner can read (mode 0600). */
    static void writePrivately(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
