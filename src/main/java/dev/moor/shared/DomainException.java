package dev.moor.shared;

import java.util.Map;

/**
 * What the core throws: a stable {@link ErrorCode}, a human-readable detail that is safe to show to the
 * caller, and optional extra properties (for example the limit that was hit).
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public DomainException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static DomainException invalid(String detail) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, detail);
    }

    public static DomainException denied(Permission... missing) {
        return new DomainException(ErrorCode.PERMISSION_DENIED,
                "This token lacks the permission " + String.join(" or ", java.util.Arrays.stream(missing).map(Enum::name).toList()) + ".");
    }
}
