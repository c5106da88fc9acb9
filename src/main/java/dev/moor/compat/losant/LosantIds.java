package dev.moor.compat.losant;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.moor.device.DeviceId;

/**
 * Losant addresses devices by 24-hex ObjectId strings (schemas.md, "Device": {@code id} and
 * {@code deviceId} match {@code ^[A-Fa-f\d]{24}$}). Moor's device ids are positive 64-bit numbers, so the
 * Losant id of a device is its Moor id in lowercase hex, left-padded with zeros to 24 characters (Moor
 * device 26 is {@code 00000000000000000000001a}); the mapping is exact both ways and needs no storage.
 */
final class LosantIds {

    private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{24}$");

    private LosantIds() {
    }

    static String of(DeviceId id) {
        return String.format(Locale.ROOT, "%024x", id.value());
    }

    /** The Moor device behind a Losant device id; empty for anything that is not one (reported as not found). */
    static Optional<DeviceId> device(String losantId) {
        if (losantId == null) {
            return Optional.empty();
        }
        String id = losantId.toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(id).matches() || !id.startsWith("00000000") || id.charAt(8) > '7') {
            return Optional.empty();
        }
        long value = Long.parseLong(id.substring(8), 16);
        return value > 0 ? Optional.of(new DeviceId(value)) : Optional.empty();
    }

    static boolean isObjectId(String text) {
        return text != null && SHAPE.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }
}
