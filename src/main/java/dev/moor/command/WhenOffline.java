package dev.moor.command;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.moor.shared.DomainException;

/**
 * What to do with a command for a device that is offline: refuse it at once (as iotbackend does,
 * 004_acf27261eee54b3f.txt, "Command restrictions") or keep it until the device reconnects or its time runs out.
 */
public enum WhenOffline {
    REJECT, QUEUE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "reject" (also the default, for null) or "queue"; anything else is VALIDATION_FAILED. */
    public static WhenOffline parse(String text) {
        if (text == null) {
            return REJECT;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "reject" -> REJECT;
            case "queue" -> QUEUE;
            default -> throw DomainException.invalid("whenOffline must be \"reject\" or \"queue\".");
        };
    }
}
