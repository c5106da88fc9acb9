package dev.moor.compat.mymote;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Iomote's small entities (vendor-notes.md, Iomote "Entities"), with their field names exactly. */
final class MyMoteBodies {

    private MyMoteBodies() {
    }

    /** DEVICEST: a device with its connection status. */
    record DeviceWithStatus(MyMoteDevice device, String status) {
    }

    /** DEVICESTATUS. */
    record DeviceStatus(String connectionState) {
    }

    /** GROUP: six string fields. */
    record Group(String id, @JsonProperty("group_of_user_id") String groupOfUserId, String name,
            @JsonProperty("client_name") String clientName, String email, String telephone) {
    }

    /** RESULT. */
    record Result(String result) {
    }

    /** ERROR. */
    record Error(String error) {
    }
}
