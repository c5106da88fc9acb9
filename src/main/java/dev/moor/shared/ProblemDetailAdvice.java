package dev.moor.shared;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Moor's own API answers every error as an RFC 9457 problem with a stable {@code code} property.
 * Vendor dialects register their own advice with a higher precedence for their controllers.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException exception) {
        HttpStatus status = status(exception.code());
        ProblemDetail problem = problem(status, exception.code(), exception.getMessage());
        exception.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (exception.properties().get("size") instanceof Number size && exception.code() == ErrorCode.RANGE_NOT_SATISFIABLE) {
            // RFC 9110 section 15.5.17: a 416 names the current length of the representation.
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size.longValue());
        }
        if (exception.properties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException exception) {
        log.debug("Constraint violation", exception);
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(HttpStatus.CONFLICT, ErrorCode.CONFLICT, "The request conflicts with existing data."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error, incident {}", incident, exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected server error; quote incident " + incident + " when reporting it.");
        problem.setProperty("incident", incident);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** Spring MVC's own 4xx (bad JSON, wrong types, missing parameters, unknown paths) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            ErrorCode code = switch (statusCode.value()) {
                case 404 -> ErrorCode.RESOURCE_NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                default -> statusCode.is4xxClientError() ? ErrorCode.MALFORMED_REQUEST : null;
            };
            if (code != null) {
                problem.setType(type(code));
                problem.setProperty("code", code.name());
            }
        }
        return response;
    }

    static ProblemDetail problem(HttpStatus status, ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setProperty("code", code.name());
        return problem;
    }

    private static URI type(ErrorCode code) {
        return URI.create("urn:moor:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    static HttpStatus status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, DEVICE_NAME_INVALID, METAFIELD_VALUE_INVALID, OAUTH_INVALID_GRANT,
                    OAUTH_UNSUPPORTED_GRANT_TYPE -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED, OAUTH_INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case RANGE_NOT_SATISFIABLE -> HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
            case RESOURCE_NOT_FOUND, ORGANIZATION_NOT_FOUND, USER_NOT_FOUND, TOKEN_NOT_FOUND, OAUTH_CLIENT_NOT_FOUND,
                    TEMPLATE_NOT_FOUND, METAFIELD_NOT_FOUND, TAG_NOT_FOUND, DEVICE_NOT_FOUND, FIRMWARE_NOT_FOUND,
                    APP_NOT_FOUND, COMMAND_NOT_FOUND, COMMAND_BATCH_NOT_FOUND,
                    COMMAND_BUTTON_NOT_FOUND, DEVICE_GROUP_NOT_FOUND, APPLICATION_NOT_FOUND, EXPORT_NOT_FOUND, EVENT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ORGANIZATION_NOT_EMPTY, USER_NOT_ACTIVATED, EMAIL_TAKEN, TEMPLATE_IN_USE, METAFIELD_NAME_TAKEN,
                    TAG_NAME_TAKEN, FIRMWARE_DUPLICATE, FIRMWARE_IN_USE, APP_NAME_TAKEN, APP_IN_USE, COMMAND_BUTTON_TAKEN, DEVICE_OFFLINE,
                    OTA_TARGET_MISSING,
                    CONFLICT -> HttpStatus.CONFLICT;
            // Stored bytes no longer match their checksums: the server's fault, never served.
            case FIRMWARE_CHECKSUM_MISMATCH -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
