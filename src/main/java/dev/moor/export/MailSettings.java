package dev.moor.export;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP server Moor sends mail through ({@code moor.mail.*}, from the MOOR_SMTP_* variables). Without
 * a host, Moor sends no mail and says so where a mail would have gone.
 */
@ConfigurationProperties("moor.mail")
public record MailSettings(String host, int port, String username, String password, boolean starttls, String from) {

    public boolean isConfigured() {
        return host != null && !host.isBlank();
    }
}
