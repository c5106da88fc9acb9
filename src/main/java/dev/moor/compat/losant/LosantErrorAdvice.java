package dev.moor.compat.losant;

import java.util.UUID;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the Losant dialect as Losant's Error schema {@code {"type", "message"}} (schemas.md,
 * "Error"). The documented answers are 400 for a malformed request and 404 for an application or device
 * that was not found (devices.md, device.md "Error Responses"), with types {@code Validation} and
 * {@code NotFound}. The other statuses and types are Moor's choice, named in Losant's style.
 */
@RestControllerAdvice(basePackageClasses = LosantDeviceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LosantErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(LosantErrorAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<LosantError> domain(DomainException exception) {
        HttpStatus status = status(exception.code());
        HttpHeaders headers = new HttpHeaders();
        if (exception.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return ResponseEntity.status(status).headers(headers).body(new LosantError(type(status), message(exception)));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, TypeMismatchException.class})
    ResponseEntity<LosantError> malformed(Exception exception) {
        return ResponseEntity.badRequest().body(new LosantError("Validation", "The request is malformed: "
                + (exception instanceof HttpMessageNotReadableException ? "the body is not valid JSON." : "a parameter has the wrong type.")));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<LosantError> conflict(DataIntegrityViolationException exception) {
        log.debug("Constraint violation", exception);
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new LosantError("Conflict", "The request conflicts with existing data."));
    }

    /** Spring MVC's own 4xx (missing parameter, wrong media type, ...) carry their status; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<LosantError> unexpected(Exception exception) {
        if (exception instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(framework.getStatusCode().value());
            String detail = framework.getBody().getDetail();
            return ResponseEntity.status(status).headers(framework.getHeaders())
                    .body(new LosantError(type(status), detail == null ? status.getReasonPhrase() : detail));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in the Losant dialect, incident {}", incident, exception);
        return ResponseEntity.internalServerError().body(new LosantError("InternalError",
                "Unexpected server error; quote incident " + incident + " when reporting it."));
    }

    /** Losant's own wording for the two documented not-found cases; Moor's detail otherwise. */
    private static String message(DomainException exception) {
        return switch (exception.code()) {
            case APPLICATION_NOT_FOUND -> "Application was not found";
            case DEVICE_NOT_FOUND -> "Device was not found";
            case VALIDATION_FAILED, MALFORMED_REQUEST, UNAUTHENTICATED, PERMISSION_DENIED, RATE_LIMITED,
                    PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED, RESOURCE_NOT_FOUND,
                    ORGANIZATION_NOT_FOUND, ORGANIZATION_NOT_EMPTY, USER_NOT_FOUND, USER_NOT_ACTIVATED, EMAIL_TAKEN,
                    TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND, OAUTH_INVALID_CLIENT, OAUTH_INVALID_GRANT,
                    OAUTH_UNSUPPORTED_GRANT_TYPE, TEMPLATE_NOT_FOUND, TEMPLATE_IN_USE, METAFIELD_NOT_FOUND,
                    METAFIELD_NAME_TAKEN, METAFIELD_VALUE_INVALID, TAG_NOT_FOUND, TAG_NAME_TAKEN,
                    DEVICE_NAME_INVALID, EVENT_NOT_FOUND, RANGE_NOT_SATISFIABLE, FIRMWARE_NOT_FOUND,
                    FIRMWARE_DUPLICATE, FIRMWARE_IN_USE, FIRMWARE_CHECKSUM_MISMATCH, APP_NOT_FOUND, APP_NAME_TAKEN,
                    APP_IN_USE, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND, COMMAND_BUTTON_NOT_FOUND,
                    COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE, OTA_TARGET_MISSING, EXPORT_NOT_FOUND,
                    DEVICE_GROUP_NOT_FOUND, CONFLICT -> exception.getMessage();
        };
    }

    static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID,
                    OAUTH_UNSUPPORTED_GRANT_TYPE, OAUTH_INVALID_GRANT, FIRMWARE_CHECKSUM_MISMATCH -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED, OAUTH_INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case RANGE_NOT_SATISFIABLE -> HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, TEMPLATE_NOT_FOUND,
                    METAFIELD_NOT_FOUND, TAG_NOT_FOUND, DEVICE_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND,
                    OAUTH_CLIENT_NOT_FOUND, FIRMWARE_NOT_FOUND, APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, DEVICE_GROUP_NOT_FOUND, EVENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ORGANIZATION_NOT_EMPTY, USER_NOT_ACTIVATED, EMAIL_TAKEN, TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN,
                    TAG_NAME_TAKEN, FIRMWARE_DUPLICATE, FIRMWARE_IN_USE, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING,
                    CONFLICT -> HttpStatus.CONFLICT;
        };
    }

    /** Validation and NotFound are Losant's documented types; the others follow the same naming. */
    private static String type(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Validation";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "NotFound";
            case TOO_MANY_REQUESTS -> "RateLimit";
            case CONFLICT -> "Conflict";
            case PAYLOAD_TOO_LARGE -> "PayloadTooLarge";
            case UNSUPPORTED_MEDIA_TYPE -> "UnsupportedMediaType";
            case METHOD_NOT_ALLOWED -> "MethodNotAllowed";
            default -> status.is4xxClientError() ? "Validation" : "InternalError";
        };
    }
}
