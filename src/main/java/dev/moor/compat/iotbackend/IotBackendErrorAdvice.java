package dev.moor.compat.iotbackend;

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
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Errors as iotbackend.cloud answers them: a body {@code {"message": "..."}} (004_acf27261eee54b3f.txt,
 * "Validation response"). Validation responses are 422. iotbackend's {@code id|secret} tokens and message
 * bodies are Laravel Sanctum's conventions (vendor-notes.md, IoTBackend "Auth"), so the statuses and the
 * messages the page does not show follow Laravel: 401 "Unauthenticated.", 403 "This action is
 * unauthorized.", 429 "Too Many Attempts.", and a uniqueness or size rule is a 422 validation failure.
 */
@RestControllerAdvice(basePackageClasses = IotBackendDeviceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IotBackendErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(IotBackendErrorAdvice.class);
    private static final String FILE_TOO_LARGE = "The file field must not be greater than 4096 kilobytes.";
    /**
     * "Command endpoints can return a validation-style JSON response when the device cannot accept commands
     * right now, for example if it is offline or reconnecting" (004_acf27261eee54b3f.txt, "Command
     * restrictions"); the page does not give the message.
     */
    private static final String OFFLINE = "The device is offline and cannot accept commands right now.";

    @ExceptionHandler(DomainException.class)
    ResponseEntity<IotBackendBodies.Message> domain(DomainException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return ResponseEntity.status(status(exception.code())).headers(headers)
                .body(new IotBackendBodies.Message(message(exception.code(), exception.getMessage())));
    }

    /** Laravel reads a body it cannot parse as no input, which then fails validation: a 422. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<IotBackendBodies.Message> unreadable(HttpMessageNotReadableException exception) {
        return ResponseEntity.unprocessableContent()
                .body(new IotBackendBodies.Message("The request body must be valid JSON."));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<IotBackendBodies.Message> conflict(DataIntegrityViolationException exception) {
        log.debug("Constraint violation", exception);
        return ResponseEntity.unprocessableContent()
                .body(new IotBackendBodies.Message("The request conflicts with existing data."));
    }

    /** Laravel's message for its "max:4096" file rule (the page: "maximum file size is 4 MB"). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<IotBackendBodies.Message> tooLarge(MaxUploadSizeExceededException exception) {
        return ResponseEntity.unprocessableContent()
                .body(new IotBackendBodies.Message(FILE_TOO_LARGE));
    }

    /** A path segment of the wrong type names nothing that exists. */
    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<IotBackendBodies.Message> typeMismatch(TypeMismatchException exception) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new IotBackendBodies.Message("Not found."));
    }

    /** Spring MVC's own 4xx (unsupported media type, missing part, wrong method) keep their status; the rest is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<IotBackendBodies.Message> unexpected(Exception exception) {
        if (exception instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            String detail = framework.getBody().getDetail();
            return ResponseEntity.status(framework.getStatusCode())
                    .body(new IotBackendBodies.Message(detail == null ? "The request is invalid." : detail));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in the iotbackend API, incident {}", incident, exception);
        return ResponseEntity.internalServerError()
                .body(new IotBackendBodies.Message("Server Error. Quote incident " + incident + " when reporting it."));
    }

    static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID, PAYLOAD_TOO_LARGE,
                    USER_NOT_ACTIVATED, EMAIL_TAKEN, ORGANIZATION_NOT_EMPTY, TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN,
                    TAG_NAME_TAKEN, CONFLICT, OAUTH_INVALID_GRANT, OAUTH_UNSUPPORTED_GRANT_TYPE, FIRMWARE_DUPLICATE,
                    FIRMWARE_IN_USE, FIRMWARE_CHECKSUM_MISMATCH, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING -> HttpStatus.UNPROCESSABLE_CONTENT;
            case RANGE_NOT_SATISFIABLE -> HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
            case UNAUTHENTICATED, OAUTH_INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND,
                    TEMPLATE_NOT_FOUND, METAFIELD_NOT_FOUND, TAG_NOT_FOUND, DEVICE_NOT_FOUND, DEVICE_GROUP_NOT_FOUND,
                    FIRMWARE_NOT_FOUND, APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, EVENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    }

    static String message(ErrorCode code, String detail) {
        return switch (code) {
            case UNAUTHENTICATED, OAUTH_INVALID_CLIENT -> "Unauthenticated.";
            case PERMISSION_DENIED -> "This action is unauthorized.";
            case RATE_LIMITED -> "Too Many Attempts.";
            case DEVICE_NOT_FOUND -> "Device not found.";
            case DEVICE_OFFLINE -> OFFLINE;
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID, PAYLOAD_TOO_LARGE,
                    USER_NOT_ACTIVATED, EMAIL_TAKEN, ORGANIZATION_NOT_EMPTY, TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN,
                    TAG_NAME_TAKEN, CONFLICT, UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED, RESOURCE_NOT_FOUND,
                    ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, TEMPLATE_NOT_FOUND, METAFIELD_NOT_FOUND,
                    TAG_NOT_FOUND, DEVICE_GROUP_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND, OAUTH_INVALID_GRANT,
                    OAUTH_UNSUPPORTED_GRANT_TYPE, RANGE_NOT_SATISFIABLE, FIRMWARE_NOT_FOUND, FIRMWARE_DUPLICATE,
                    FIRMWARE_IN_USE, FIRMWARE_CHECKSUM_MISMATCH, APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, OTA_TARGET_MISSING,
                    APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, EVENT_NOT_FOUND -> detail;
        };
    }
}
