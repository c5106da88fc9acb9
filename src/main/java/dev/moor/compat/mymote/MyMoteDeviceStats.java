package dev.moor.compat.mymote;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.moor.connectivity.DailyActivity;
import dev.moor.connectivity.DeviceActivity;

/**
 * Iomote's DEVICESTATS (vendor-notes.md, Iomote "Entities"): the ids as strings, the counters as integers.
 * {@code *_tot} is all time, {@code *_current} today and {@code *_1} to {@code *_7} each of the seven days
 * before (the docs name the fields only; that reading is vendor-notes.md's). Messages and bytes count both
 * ways, from and to the device.
 */
record MyMoteDeviceStats(
        String id,
        @JsonProperty("stat_of_device_id") String statOfDeviceId,
        @JsonProperty("msg_tot") long msgTot,
        @JsonProperty("msg_current") long msgCurrent,
        @JsonProperty("msg_1") long msg1,
        @JsonProperty("msg_2") long msg2,
        @JsonProperty("msg_3") long msg3,
        @JsonProperty("msg_4") long msg4,
        @JsonProperty("msg_5") long msg5,
        @JsonProperty("msg_6") long msg6,
        @JsonProperty("msg_7") long msg7,
        @JsonProperty("bytes_tot") long bytesTot,
        @JsonProperty("bytes_current") long bytesCurrent,
        @JsonProperty("bytes_1") long bytes1,
        @JsonProperty("bytes_2") long bytes2,
        @JsonProperty("bytes_3") long bytes3,
        @JsonProperty("bytes_4") long bytes4,
        @JsonProperty("bytes_5") long bytes5,
        @JsonProperty("bytes_6") long bytes6,
        @JsonProperty("bytes_7") long bytes7) {

    /** The days needed: today and the seven before it. */
    static final int DAYS = 8;

    /** From the totals and the last {@link #DAYS} days, oldest first. */
    static MyMoteDeviceStats of(long deviceId, DeviceActivity total, List<DailyActivity> days) {
        long[] messages = new long[DAYS];
        long[] bytes = new long[DAYS];
        for (int ago = 0; ago < DAYS; ago++) {
            DailyActivity day = days.get(days.size() - 1 - ago);
            messages[ago] = day.messagesIn() + day.messagesOut();
            bytes[ago] = day.bytesIn() + day.bytesOut();
        }
        String id = Long.toString(deviceId);
        return new MyMoteDeviceStats(id, id, total.messagesIn() + total.messagesOut(), messages[0], messages[1],
                messages[2], messages[3], messages[4], messages[5], messages[6], messages[7],
                total.bytesIn() + total.bytesOut(), bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6],
                bytes[7]);
    }
}
