package dev.moor.connectivity;

import java.time.LocalDate;

/** A device's traffic on one UTC day, both ways. */
public record DailyActivity(LocalDate day, long messagesIn, long bytesIn, long messagesOut, long bytesOut) {
}
