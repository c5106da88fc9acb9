package dev.moor.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Firmware-like binaries for tests: ESP images start with the magic byte 0xE9. */
final class TestBinaries {

    private TestBinaries() {
    }

    static byte[] image(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        bytes[0] = (byte) 0xE9;
        return bytes;
    }

    static String md5(byte[] bytes) {
        return hex("MD5", bytes);
    }

    static String sha256(byte[] bytes) {
        return hex("SHA-256", bytes);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
