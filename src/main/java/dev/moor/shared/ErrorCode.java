package dev.moor.shared;

/**
 * Stable, vendor-neutral error codes. Every surface (Moor's API, each vendor dialect) maps them to its
 * own status and body with an exhaustive switch, so a new code fails compilation until each surface
 * decides how to answer it.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    MALFORMED_REQUEST,
    UNAUTHENTICATED,
    PERMISSION_DENIED,
    RATE_LIMITED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    METHOD_NOT_ALLOWED,
    RESOURCE_NOT_FOUND,
    ORGANIZATION_NOT_FOUND,
    ORGANIZATION_NOT_EMPTY,
    USER_NOT_FOUND,
    USER_NOT_ACTIVATED,
    EMAIL_TAKEN,
    TOKEN_NOT_FOUND,
    OAUTH_CLIENT_NOT_FOUND,
    /** OAuth2 token endpoint: unknown client or wrong secret (RFC 6749 "invalid_client"). */
    OAUTH_INVALID_CLIENT,
    /** OAuth2 token endpoint: unknown, used or expired refresh token (RFC 6749 "invalid_grant"). */
    OAUTH_INVALID_GRANT,
    /** OAuth2 token endpoint: a grant type other than client_credentials or refresh_token. */
    OAUTH_UNSUPPORTED_GRANT_TYPE,
    TEMPLATE_NOT_FOUND,
    TEMPLATE_IN_USE,
    METAFIELD_NOT_FOUND,
    METAFIELD_NAME_TAKEN,
    METAFIELD_VALUE_INVALID,
    TAG_NOT_FOUND,
    TAG_NAME_TAKEN,
    DEVICE_NOT_FOUND,
    DEVICE_NAME_INVALID,
    /** The device's template defines no event with the given code. */
    EVENT_NOT_FOUND,
    RANGE_NOT_SATISFIABLE,
    FIRMWARE_NOT_FOUND,
    FIRMWARE_DUPLICATE,
    FIRMWARE_IN_USE,
    FIRMWARE_CHECKSUM_MISMATCH,
    APP_NOT_FOUND,
    APP_NAME_TAKEN,
    APP_IN_USE,
    COMMAND_NOT_FOUND,
    COMMAND_BATCH_NOT_FOUND,
    COMMAND_BUTTON_NOT_FOUND,
    COMMAND_BUTTON_TAKEN,
    /** A command for an offline device that was to be refused rather than queued. */
    DEVICE_OFFLINE,
    /** OTA triggered for a device without a target firmware or app version. */
    OTA_TARGET_MISSING,
    APPLICATION_NOT_FOUND,
    EXPORT_NOT_FOUND,
    DEVICE_GROUP_NOT_FOUND,
    CONFLICT
}
