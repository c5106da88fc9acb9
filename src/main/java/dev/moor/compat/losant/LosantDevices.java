package dev.moor.compat.losant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Losant's Devices schema (schemas.md, "Devices"): one page of devices with the paging, the sort and an
 * echo of the filters that were applied (left out when not given).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LosantDevices(List<LosantDevice> items, long count, long totalCount, int perPage, int page, String filter,
        String filterField, String sortField, String sortDirection, String applicationId, String deviceClass,
        List<TagFilter> tagFilter) {

    /** One Device Tag Filter pair (schemas.md, "Device Tag Filter"): either part may be missing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TagFilter(String key, String value) {
    }
}
