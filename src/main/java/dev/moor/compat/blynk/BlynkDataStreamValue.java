package dev.moor.compat.blynk;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The current value of a datastream in device details (vendor-notes.md, Blynk "DeviceDetails",
 * {@code dataStreamValues}). {@code dataStreamId} is the datastream's position in the template, from 1; it
 * is left out for a value of a datastream the template does not define. Label and alias are its name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BlynkDataStreamValue(Integer dataStreamId, String pin, String dataStreamLabel, String dataStreamAlias,
        JsonNode value, long updatedAt) {
}
