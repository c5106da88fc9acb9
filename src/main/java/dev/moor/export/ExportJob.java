package dev.moor.export;

import java.time.Instant;

/**
 * A background export as Moor's API shows it. {@code status}: pending, running, done or failed.
 * {@code callbackStatus}: none, pending (being delivered, retried with backoff), delivered or failed.
 * {@code emailStatus}: none (no address), pending, sent, not_configured (no SMTP server) or failed.
 * {@code downloadUrl} is set once the file is ready; it works without a token until the job expires.
 */
public record ExportJob(long id, long organizationId, String kind, String status, String email, String emailStatus,
        String callbackUrl, String callbackStatus, int callbackAttempts, String callbackLastError, Integer itemCount,
        String downloadUrl, String error, Instant createdAt, Instant completedAt) {
}
