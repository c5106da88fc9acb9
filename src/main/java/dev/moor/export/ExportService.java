package dev.moor.export;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.moor.auth.User;
import dev.moor.auth.UserService;
import dev.moor.organization.OrganizationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Background exports of device metadata. Starting one only records it; {@code ExportWorker} builds the
 * file, then posts the result to the callback URL (retried with backoff) and mails the download link when
 * SMTP is configured. Jobs live in PostgreSQL, so they survive a restart and any node may run them.
 */
@Service
public class ExportService {

    /** The kind of export that holds every device's metadata. */
    public static final String DEVICES = "devices";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExportStore exports;
    private final OrganizationService organizations;
    private final UserService users;
    private final String publicUrl;

    ExportService(ExportStore exports, OrganizationService organizations, UserService users,
            @Value("${moor.public-url:}") String publicUrl) {
        this.exports = exports;
        this.organizations = organizations;
        this.users = users;
        this.publicUrl = publicUrl;
    }

    /**
     * What to export and where to send the result: the organization (absent: the caller's), an email
     * address and a callback URL, each optional.
     */
    public record ExportRequest(Optional<OrganizationId> organization, Optional<String> email, Optional<String> callbackUrl) {
    }

    /** A finished export's file. */
    public record ExportFile(String fileName, String contentType, String content) {
    }

    /**
     * Starts an export of every device of one organization (default: the caller's; it must be within reach)
     * and answers at once. Needs ORG_DEVICES_VIEW. Without an email address the caller's user's address is used (none for an
     * organization token); {@code callbackUrl} must be an absolute http or https URL. Throws
     * VALIDATION_FAILED for a bad address or URL, and records nothing then.
     */
    @Transactional
    public ExportJob startDeviceExport(Caller caller, ExportRequest request) {
        caller.require(Permission.ORG_DEVICES_VIEW);
        OrganizationId organization = request.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        Optional<String> email = request.email().map(ExportService::validEmail)
                .or(() -> caller.userId().flatMap(user -> users.findWithinReach(caller, user)).map(User::email));
        String callbackUrl = request.callbackUrl().map(ExportService::validCallbackUrl).orElse(null);
        String key = newKey();
        ExportJob created = exports.insert(organization, DEVICES, email.orElse(null), callbackUrl, key, "");
        String downloadUrl = baseUrl() + "/rest/v1/exports/" + created.id() + "/download?key=" + key;
        exports.setDownloadUrl(created.id(), downloadUrl);
        return exports.find(created.id()).orElseThrow().job();
    }

    /** An export of the caller's organization or one below it. Needs ORG_DEVICES_VIEW. */
    public ExportJob get(Caller caller, long id) {
        caller.require(Permission.ORG_DEVICES_VIEW);
        return exports.find(id).map(ExportStore.Row::job)
                .filter(job -> organizations.isWithin(new OrganizationId(job.organizationId()),
                        caller.organizationId()))
                .orElseThrow(() -> notFound(id));
    }

    /** Exports of the caller's organization and those below it, newest first. Needs ORG_DEVICES_VIEW. */
    public Page<ExportJob> list(Caller caller, PageRequest page) {
        caller.require(Permission.ORG_DEVICES_VIEW);
        List<Long> scope = organizations.subtree(caller.organizationId());
        return Page.of(exports.page(scope, page), exports.count(scope), page);
    }

    /**
     * The finished file, for whoever holds the download key from the link (no token needed, so the link
     * works from an email). Throws EXPORT_NOT_FOUND for a wrong key, an unfinished or an expired export.
     */
    public ExportFile download(long id, String key) {
        return exports.file(id, key == null ? "" : key)
                .map(file -> new ExportFile("moor-" + file.kind() + "-export-" + file.id() + ".json", file.contentType(),
                        file.content()))
                .orElseThrow(() -> notFound(id));
    }

    private String baseUrl() {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.strip().replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static String validEmail(String email) {
        if (email.length() > 1024 || !EMAIL.matcher(email).matches()) {
            throw DomainException.invalid("email must be a valid email address.");
        }
        return email.strip();
    }

    private static String validCallbackUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (url.length() <= 1024 && uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return uri.toString();
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw DomainException.invalid("callbackUrl must be an absolute http or https URL of at most 1024 characters.");
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static DomainException notFound(long id) {
        return new DomainException(ErrorCode.EXPORT_NOT_FOUND, "Export " + id + " was not found.");
    }
}
