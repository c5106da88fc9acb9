package dev.moor.compat.blynk;

import java.util.UUID;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import jakarta.servlet.ServletException;
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
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors as Blynk.Cloud answers them: {@code {"error":{"message":"..."}}} (vendor-notes.md, Blynk "Rate limit
 * & errors"), with only the statuses the page documents: 400, 403, 404, 429 and 500
 * (001_2d638da4de58a0e6.txt, the responses of every endpoint). The page lists no 401, so a missing or
 * invalid token is a 403, and no 409, so a conflict is a 400.
 */
@RestControllerAdvice(basePackageClasses = BlynkDeviceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BlynkErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(BlynkErrorAdvice.class);

    record BlynkError(Message error) {

        record Message(String message) {
        }

        static BlynkError of(String message) {
            return new BlynkError(new Message(message));
        }
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<BlynkError> domain(DomainException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return ResponseEntity.status(status(exception.code())).headers(headers)
                .body(BlynkError.of(message(exception.code(), exception.getMessage())));
    }

    /** "Bad request - invalid device ID" (001_2d638da4de58a0e6.txt, "Get device by ID", 400). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<BlynkError> typeMismatch(MethodArgumentTypeMismatchException exception) {
        String message = "deviceId".equals(exception.getName()) ? "invalid device ID"
                : "Invalid value of parameter " + exception.getName() + ".";
        return ResponseEntity.badRequest().body(BlynkError.of(message));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<BlynkError> missingParameter(MissingServletRequestParameterException exception) {
        String message = "deviceId".equals(exception.getParameterName()) ? "invalid device ID"
                : "Parameter " + exception.getParameterName() + " is required.";
        return ResponseEntity.badRequest().body(BlynkError.of(message));
    }

    /** "Bad request - Invalid request body" (001_2d638da4de58a0e6.txt, "Transfer device to a new owner", 400). */
    @ExceptionHandler({HttpMessageNotReadableException.class, TypeMismatchException.class})
    ResponseEntity<BlynkError> unreadable(Exception exception) {
        return ResponseEntity.badRequest().body(BlynkError.of("Invalid request body"));
    }

    /** A unique constraint that a concurrent request won first; Blynk documents no 409 (see above). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<BlynkError> conflict(DataIntegrityViolationException exception) {
        log.debug("Constraint violation", exception);
        return ResponseEntity.badRequest().body(BlynkError.of("The request conflicts with existing data."));
    }

    @ExceptionHandler(ServletException.class)
    ResponseEntity<BlynkError> framework(ServletException exception) {
        return ResponseEntity.badRequest().body(BlynkError.of("Bad request"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<BlynkError> unexpected(Exception exception) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in the Blynk API, incident {}", incident, exception);
        return ResponseEntity.internalServerError()
                .body(BlynkError.of("Internal server error; quote incident " + incident + " when reporting it."));
    }

    static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID, PAYLOAD_TOO_LARGE,
                    UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED, USER_NOT_ACTIVATED, EMAIL_TAKEN, ORGANIZATION_NOT_EMPTY,
                    TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN, TAG_NAME_TAKEN, CONFLICT, OAUTH_INVALID_GRANT,
                    OAUTH_UNSUPPORTED_GRANT_TYPE, RANGE_NOT_SATISFIABLE, FIRMWARE_DUPLICATE, FIRMWARE_IN_USE,
                    FIRMWARE_CHECKSUM_MISMATCH, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED, PERMISSION_DENIED, OAUTH_INVALID_CLIENT -> HttpStatus.FORBIDDEN;
            case RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND,
                    TEMPLATE_NOT_FOUND, METAFIELD_NOT_FOUND, TAG_NOT_FOUND, DEVICE_NOT_FOUND, FIRMWARE_NOT_FOUND,
                    APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, DEVICE_GROUP_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, EVENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }

    /**
     * Not-found answers use the page's wording, "... not found or access denied" (001_2d638da4de58a0e6.txt),
     * since a device of another organization is reported exactly like a missing one; the invalid metafield
     * value has Blynk's documented message (vendor-notes.md, Blynk "Rate limit & errors"). Other codes keep
     * the core's message, which names the problem.
     */
    static String message(ErrorCode code, String detail) {
        return switch (code) {
            case DEVICE_NOT_FOUND -> "Device not found or access denied";
            case ORGANIZATION_NOT_FOUND -> "Organization not found or access denied";
            case USER_NOT_FOUND -> "User not found or access denied";
            case TEMPLATE_NOT_FOUND -> "Template not found or access denied";
            case METAFIELD_NOT_FOUND -> "Metafield not found or access denied";
            case TAG_NOT_FOUND -> "Tag not found or access denied";
            case EVENT_NOT_FOUND -> "Event not found or access denied";
            case RESOURCE_NOT_FOUND, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND, FIRMWARE_NOT_FOUND,
                    APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, DEVICE_GROUP_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND -> "Not found or access denied";
            case METAFIELD_VALUE_INVALID -> "The provided value for metafield is invalid. " + detail;
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                    METHOD_NOT_ALLOWED, USER_NOT_ACTIVATED, EMAIL_TAKEN, ORGANIZATION_NOT_EMPTY, TEMPLATE_IN_USE,
                    METAFIELD_NAME_TAKEN, TAG_NAME_TAKEN, CONFLICT, OAUTH_INVALID_GRANT, OAUTH_UNSUPPORTED_GRANT_TYPE,
                    UNAUTHENTICATED, PERMISSION_DENIED, OAUTH_INVALID_CLIENT, RATE_LIMITED, RANGE_NOT_SATISFIABLE,
                    FIRMWARE_DUPLICATE, FIRMWARE_IN_USE, FIRMWARE_CHECKSUM_MISMATCH, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING -> detail;
        };
    }
}
