package dev.moor.device;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The kinds of metafield value, each with its own validation. Values may come as their JSON type or as
 * a string (Blynk's metafield update sends every value as a string, "newValue").
 */
public enum MetafieldType {
    TEXT, NUMBER, SWITCH, LIST, EMAIL, PHONE, URL, COORDINATES;

    private static final int MAX_TEXT = 200;
    private static final Pattern EMAIL_PATTERN = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE_PATTERN = Pattern.compile("^\\+?[0-9][0-9 ()-]{2,29}$");
    private static final Pattern URL_PATTERN = Pattern.compile("^https?://\\S+$");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Returns the value in its canonical JSON form, or throws METAFIELD_VALUE_INVALID. */
    public JsonNode validate(JsonNode value, JsonNode options) {
        return switch (this) {
            case TEXT -> NODES.stringNode(text(value, MAX_TEXT));
            case EMAIL -> NODES.stringNode(matching(value, EMAIL_PATTERN, "an email address"));
            case PHONE -> NODES.stringNode(matching(value, PHONE_PATTERN, "a phone number"));
            case URL -> NODES.stringNode(matching(value, URL_PATTERN, "an http(s) URL"));
            case NUMBER -> NODES.numberNode(number(value, options));
            case SWITCH -> NODES.booleanNode(bool(value));
            case LIST -> NODES.stringNode(listed(value, options));
            case COORDINATES -> coordinates(value);
        };
    }

    private String text(JsonNode value, int max) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw invalid("must be text");
        }
        String text = value.asString();
        if (text.length() > max) {
            throw invalid("must have at most " + max + " characters");
        }
        return text;
    }

    private String matching(JsonNode value, Pattern pattern, String what) {
        String text = text(value, MAX_TEXT).strip();
        if (!pattern.matcher(text).matches()) {
            throw invalid("must be " + what);
        }
        return text;
    }

    private BigDecimal number(JsonNode value, JsonNode options) {
        BigDecimal number;
        try {
            number = value != null && value.isNumber() ? value.decimalValue() : new BigDecimal(text(value, 64).strip());
        } catch (NumberFormatException e) {
            throw invalid("must be a number");
        }
        if (options != null && options.has("min") && number.compareTo(options.get("min").decimalValue()) < 0) {
            throw invalid("must be at least " + options.get("min"));
        }
        if (options != null && options.has("max") && number.compareTo(options.get("max").decimalValue()) > 0) {
            throw invalid("must be at most " + options.get("max"));
        }
        return number;
    }

    private boolean bool(JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        return switch (text(value, 8).strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw invalid("must be true or false");
        };
    }

    private String listed(JsonNode value, JsonNode options) {
        String text = text(value, MAX_TEXT);
        JsonNode allowed = options == null ? null : options.get("values");
        if (allowed == null || !allowed.isArray()) {
            return text;
        }
        for (JsonNode option : allowed) {
            if (option.asString().equals(text)) {
                return text;
            }
        }
        throw invalid("must be one of " + allowed);
    }

    private JsonNode coordinates(JsonNode value) {
        double lat;
        double lon;
        try {
            if (value != null && value.isObject() && value.path("lat").isNumber() && value.path("lon").isNumber()) {
                lat = value.get("lat").doubleValue();
                lon = value.get("lon").doubleValue();
            } else {
                String[] parts = text(value, 64).split(",");
                if (parts.length != 2) {
                    throw invalid("must be {\"lat\": .., \"lon\": ..} or \"lat,lon\"");
                }
                lat = Double.parseDouble(parts[0].strip());
                lon = Double.parseDouble(parts[1].strip());
            }
        } catch (NumberFormatException e) {
            throw invalid("must hold numeric coordinates");
        }
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw invalid("must be a latitude within ±90 and a longitude within ±180");
        }
        return NODES.objectNode().put("lat", lat).put("lon", lon);
    }

    private DomainException invalid(String why) {
        return new DomainException(ErrorCode.METAFIELD_VALUE_INVALID, "A " + name() + " metafield value " + why + ".");
    }
}
