package dev.moor.compat.mymote;

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
 * Errors as Iomote's ERROR entity, {@code {"error": "..."}} (vendor-notes.md, Iomote "Entities"). The docs
 * give no HTTP status for ERROR, so each gets the 4xx that names its cause (vendor-notes.md: "return 4xx").
 * A user id and key that do not match answer one message whatever was wrong, and a device or group of
 * another user is "not found" exactly like a missing one.
 */
@RestControllerAdvice(basePackageClasses = MyMoteDeviceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MyMoteErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(MyMoteErrorAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<MyMoteBodies.Error> domain(DomainException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return ResponseEntity.status(status(exception.code())).headers(headers)
                .body(new MyMoteBodies.Error(message(exception.code(), exception.getMessage())));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<MyMoteBodies.Error> unreadable(HttpMessageNotReadableException exception) {
        return ResponseEntity.badRequest().body(new MyMoteBodies.Error("The body must be valid JSON."));
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<MyMoteBodies.Error> typeMismatch(TypeMismatchException exception) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new MyMoteBodies.Error("Not found."));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<MyMoteBodies.Error> conflict(DataIntegrityViolationException exception) {
        log.debug("Constraint violation", exception);
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new MyMoteBodies.Error("The request conflicts with existing data."));
    }

    /** Spring MVC's own 4xx (unsupported media type, wrong method) keep their status; the rest is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<MyMoteBodies.Error> unexpected(Exception exception) {
        if (exception instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            String detail = framework.getBody().getDetail();
            return ResponseEntity.status(framework.getStatusCode())
                    .body(new MyMoteBodies.Error(detail == null ? "The request is invalid." : detail));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in the MyMote API, incident {}", incident, exception);
        return ResponseEntity.internalServerError()
                .body(new MyMoteBodies.Error("Internal server error; quote incident " + incident + " when reporting it."));
    }

    static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID, OAUTH_INVALID_GRANT,
                    OAUTH_UNSUPPORTED_GRANT_TYPE, FIRMWARE_CHECKSUM_MISMATCH -> HttpStatus.BAD_REQUEST;
            case RANGE_NOT_SATISFIABLE -> HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
            case UNAUTHENTICATED, OAUTH_INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND,
                    TEMPLATE_NOT_FOUND, METAFIELD_NOT_FOUND, TAG_NOT_FOUND, DEVICE_NOT_FOUND, DEVICE_GROUP_NOT_FOUND,
                    FIRMWARE_NOT_FOUND, APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, EVENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ORGANIZATION_NOT_EMPTY, USER_NOT_ACTIVATED, EMAIL_TAKEN, TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN,
                    TAG_NAME_TAKEN, FIRMWARE_DUPLICATE, FIRMWARE_IN_USE, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING,
                    CONFLICT -> HttpStatus.CONFLICT;
        };
    }

    /** Not-found messages name only the kind of thing, never the id or whose it is. */
    static String message(ErrorCode code, String detail) {
        return switch (code) {
            case DEVICE_NOT_FOUND -> "Device not found.";
            case DEVICE_GROUP_NOT_FOUND -> "Group not found.";
            case RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND,
                    TEMPLATE_NOT_FOUND, METAFIELD_NOT_FOUND, TAG_NOT_FOUND, FIRMWARE_NOT_FOUND, APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND,
                    APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, EVENT_NOT_FOUND -> "Not found.";
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID, UNAUTHENTICATED,
                    PERMISSION_DENIED, RATE_LIMITED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED,
                    ORGANIZATION_NOT_EMPTY, USER_NOT_ACTIVATED, EMAIL_TAKEN, TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN,
                    TAG_NAME_TAKEN, CONFLICT, OAUTH_INVALID_CLIENT, OAUTH_INVALID_GRANT, OAUTH_UNSUPPORTED_GRANT_TYPE,
                    RANGE_NOT_SATISFIABLE, FIRMWARE_DUPLICATE, FIRMWARE_IN_USE, FIRMWARE_CHECKSUM_MISMATCH, APP_NAME_TAKEN,
                    APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING -> detail;
        };
    }
}
