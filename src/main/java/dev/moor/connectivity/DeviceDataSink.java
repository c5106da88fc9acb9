package dev.moor.connectivity;

import java.util.List;
import java.util.Optional;

/**
 * Where device data is stored; implemented outside connectivity (telemetry), so that connectivity needs
 * to know nothing of datastreams or the timeline.
 */
public interface DeviceDataSink {

    /**
     * Validates one message before it is queued. Returns what may be stored (absent when nothing may) and a
     * reason for every part refused. Must not write anything.
     */
    Checked check(DeviceData data);

    /**
     * Stores a batch. Called inside a transaction: when it throws, nothing of the batch is kept and the
     * caller retries; the devices are acknowledged only after the transaction commits.
     */
    void store(List<DeviceData> batch);

    record Checked(Optional<DeviceData> data, List<Rejection> rejected) {
    }
}
