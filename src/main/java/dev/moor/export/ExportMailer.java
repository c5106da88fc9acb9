package dev.moor.export;

import java.util.Optional;
import java.util.Properties;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends the "your export is ready" mail through the configured SMTP server, if there is one. */
@Component
class ExportMailer {

    private final MailSettings settings;
    private final Optional<JavaMailSenderImpl> sender;

    ExportMailer(MailSettings settings) {
        this.settings = settings;
        this.sender = settings.isConfigured() ? Optional.of(sender(settings)) : Optional.empty();
    }

    boolean isConfigured() {
        return sender.isPresent();
    }

    void sendReady(ExportJob job) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(job.email());
        message.setSubject("Your Moor " + job.kind() + " export is ready");
        message.setText("""
                Your export of %s (%d items) is ready. Download it here:

                %s

                The link works until the export expires.
                """.formatted(job.kind(), job.itemCount() == null ? 0 : job.itemCount(), job.downloadUrl()));
        sender.orElseThrow().send(message);
    }

    private static JavaMailSenderImpl sender(MailSettings settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host().strip());
        sender.setPort(settings.port());
        if (settings.username() != null && !settings.username().isBlank()) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.password());
        }
        Properties properties = sender.getJavaMailProperties();
        properties.put("mail.smtp.auth", Boolean.toString(settings.username() != null && !settings.username().isBlank()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        return sender;
    }
}
