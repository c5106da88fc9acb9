package dev.moor.telemetry;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.moor.connectivity.Rejection;
import dev.moor.device.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which datastream values are valid, for device messages and user writes alike (docs/telemetry.md):
 * a template that defines datastreams accepts only those, each with its type and range; a template that
 * defines none accepts any datastream name with any JSON value.
 */
final class DatastreamRules {

    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final int MAX_STRING = 4096;

    private DatastreamRules() {
    }

    /** The value as stored, or the reason it is refused. */
    record Verdict(Optional<JsonNode> value, Optional<Rejection> rejection) {

        static Verdict ok(JsonNode value) {
            return new Verdict(Optional.of(value), Optional.empty());
        }

        static Verdict no(Rejection rejection) {
            return new Verdict(Optional.empty(), Optional.of(rejection));
        }
    }

    static Verdict check(List<Template.Datastream> definitions, String name, JsonNode value) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Verdict.no(Rejection.UNKNOWN_DATASTREAM);
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Verdict.no(Rejection.WRONG_TYPE);
        }
        if (definitions.isEmpty()) {
            return Verdict.ok(value);
        }
        Optional<Template.Datastream> definition = definitions.stream().filter(d -> d.name().equals(name)).findFirst();
        if (definition.isEmpty()) {
            return Verdict.no(Rejection.UNKNOWN_DATASTREAM);
        }
        Template.Datastream datastream = definition.get();
        return switch (datastream.type()) {
            case INTEGER -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble())
                    ? inRange(datastream, JsonNodeFactory.instance.numberNode(value.asLong()))
                    : Verdict.no(Rejection.WRONG_TYPE);
            case DOUBLE -> value.isNumber() ? inRange(datastream, value) : Verdict.no(Rejection.WRONG_TYPE);
            case STRING -> value.isValueNode() && value.asString().length() <= MAX_STRING
                    ? Verdict.ok(JsonNodeFactory.instance.stringNode(value.asString()))
                    : Verdict.no(Rejection.WRONG_TYPE);
            case BOOLEAN -> value.isBoolean() ? Verdict.ok(value)
                    : value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)
                    ? Verdict.ok(JsonNodeFactory.instance.booleanNode(value.asLong() == 1))
                    : Verdict.no(Rejection.WRONG_TYPE);
            case JSON -> Verdict.ok(value);
        };
    }

    private static Verdict inRange(Template.Datastream datastream, JsonNode value) {
        double number = value.asDouble();
        if (!Double.isFinite(number) || datastream.min() != null && number < datastream.min()
                || datastream.max() != null && number > datastream.max()) {
            return Verdict.no(Rejection.OUT_OF_RANGE);
        }
        return Verdict.ok(value);
    }
}
