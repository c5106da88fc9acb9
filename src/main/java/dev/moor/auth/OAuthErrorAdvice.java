package dev.moor.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import jakarta.servlet.ServletException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The token endpoint answers errors as RFC 6749 section 5.2 says: {@code {"error", "error_description"}}.
 * Blynk.Cloud answers every such error with 400, invalid_client included (vendor-notes.md, Blynk
 * "Authentication"), so this endpoint does too.
 */
@RestControllerAdvice(assignableTypes = OAuthTokenController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OAuthErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OAuthErrorAdvice.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<OAuthError> domain(DomainException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        HttpStatus status = exception.code() == ErrorCode.RATE_LIMITED ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).headers(headers)
                .body(new OAuthError(error(exception.code()), exception.getMessage()));
    }

    /** Spring MVC's own errors before the handler ran (a wrong content type, say). */
    @ExceptionHandler(ServletException.class)
    ResponseEntity<OAuthError> framework(ServletException exception) {
        return ResponseEntity.badRequest().body(new OAuthError("invalid_request", "The token request is malformed."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception exception) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in the OAuth2 token endpoint, incident {}", incident, exception);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "server_error");
        body.put("error_description", "Unexpected server error; quote incident " + incident + " when reporting it.");
        return ResponseEntity.internalServerError().body(body);
    }

    static String error(ErrorCode code) {
        return switch (code) {
            case OAUTH_INVALID_CLIENT, UNAUTHENTICATED, PERMISSION_DENIED -> "invalid_client";
            case OAUTH_INVALID_GRANT -> "invalid_grant";
            case OAUTH_UNSUPPORTED_GRANT_TYPE -> "unsupported_grant_type";
            case RATE_LIMITED -> "temporarily_unavailable";
            case VALIDATION_FAILED, MALFORMED_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED,
                    RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, ORGANIZATION_NOT_EMPTY, USER_NOT_FOUND, USER_NOT_ACTIVATED,
                    EMAIL_TAKEN, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND, TEMPLATE_NOT_FOUND, TEMPLATE_IN_USE,
                    METAFIELD_NOT_FOUND, METAFIELD_NAME_TAKEN, METAFIELD_VALUE_INVALID, TAG_NOT_FOUND, TAG_NAME_TAKEN,
                    DEVICE_NOT_FOUND, DEVICE_NAME_INVALID, RANGE_NOT_SATISFIABLE, FIRMWARE_NOT_FOUND, FIRMWARE_DUPLICATE,
                    FIRMWARE_IN_USE, FIRMWARE_CHECKSUM_MISMATCH, APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING,
                    DEVICE_GROUP_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, CONFLICT, EVENT_NOT_FOUND -> "invalid_request";
        };
    }
}
