package dev.moor.compat.losant;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Losant's dates: ISO 8601 in UTC with milliseconds, e.g. {@code 2016-06-01T17:16:02.324Z} (overview.md example). */
final class LosantDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LosantDates() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
