package dev.moor.compat.losant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moor.device.DeviceClass;
import dev.moor.device.DeviceSearch;
import dev.moor.shared.DomainException;
import dev.moor.shared.PageRequest;
import org.springframework.util.MultiValueMap;

/**
 * The query of devices.md "Get", parsed and checked: {@code sortField}, {@code sortDirection},
 * {@code page}, {@code perPage} (default 1000), {@code filterField}/{@code filter} (a glob on the name),
 * {@code deviceClass}, {@code tagFilter} in qs bracket notation ({@code tagFilter[0][key]=Floor&tagFilter[0][value]=2},
 * either part may be missing) and {@code excludeConnectionInfo}. Unknown parameters, such as the
 * {@code _actions}, {@code _links} and {@code _embedded} that the official client always adds, are ignored.
 */
record LosantDeviceQuery(DeviceSearch.Sort sort, String sortField, String sortDirection, PageRequest page,
        Optional<String> filterField, Optional<String> filter, Optional<String> nameGlob,
        Optional<DeviceClass> deviceClass, Optional<String> deviceClassWire, List<DeviceSearch.TagFilter> tagFilters,
        Optional<List<LosantDevices.TagFilter>> tagFilterEcho, LosantDeviceController.ConnectionInfoChoice connectionInfo) {

    /** devices.md "Get": perPage defaults to 1000. */
    static final int DEFAULT_PER_PAGE = 1000;

    private static final Pattern TAG_FILTER = Pattern.compile("^tagFilter\\[(\\d{1,3})]\\[(key|value)]$");
    private static final Pattern TAG_KEY = Pattern.compile("^[0-9a-zA-Z_-]{1,255}$");
    private static final Map<String, DeviceSearch.Field> SORT_FIELDS = Map.of("name", DeviceSearch.Field.NAME,
            "id", DeviceSearch.Field.ID, "creationDate", DeviceSearch.Field.CREATED_AT,
            "lastUpdated", DeviceSearch.Field.UPDATED_AT);

    static LosantDeviceQuery parse(MultiValueMap<String, String> query) {
        String sortField = single(query, "sortField").filter(value -> !value.isEmpty()).orElse("name");
        DeviceSearch.Field field = SORT_FIELDS.get(sortField);
        if (field == null) {
            throw DomainException.invalid("sortField must be one of name, id, creationDate, lastUpdated.");
        }
        String sortDirection = single(query, "sortDirection").filter(value -> !value.isEmpty())
                .map(value -> value.toLowerCase(Locale.ROOT)).orElse("asc");
        DeviceSearch.Direction direction = switch (sortDirection) {
            case "asc" -> DeviceSearch.Direction.ASC;
            case "desc" -> DeviceSearch.Direction.DESC;
            default -> throw DomainException.invalid("sortDirection must be asc or desc.");
        };
        int page = integer(query, "page", 0);
        int perPage = integer(query, "perPage", DEFAULT_PER_PAGE);
        if (page < 0) {
            throw DomainException.invalid("page must be 0 or more.");
        }
        if (perPage < 1 || perPage > PageRequest.MAX_SIZE) {
            throw DomainException.invalid("perPage must be between 1 and " + PageRequest.MAX_SIZE + ".");
        }
        Optional<String> filterField = single(query, "filterField").filter(value -> !value.isEmpty());
        filterField.filter(value -> !value.equals("name")).ifPresent(value -> {
            throw DomainException.invalid("filterField must be name.");
        });
        Optional<String> filter = single(query, "filter").filter(value -> !value.isEmpty());
        // "Blank or not provided means no filtering" applies to both filterField and filter.
        Optional<String> nameGlob = filterField.isPresent() ? filter : Optional.empty();
        Optional<String> deviceClassWire = single(query, "deviceClass").filter(value -> !value.isEmpty());
        Optional<DeviceClass> deviceClass = deviceClassWire.flatMap(LosantDeviceBody::deviceClass);
        List<LosantDevices.TagFilter> tagFilter = tagFilter(query);
        for (String unsupported : List.of("query", "parentId")) {
            if (query.containsKey(unsupported)) {
                throw DomainException.invalid("Moor does not support the " + unsupported + " parameter.");
            }
        }
        return new LosantDeviceQuery(new DeviceSearch.Sort(field, direction), sortField, sortDirection,
                new PageRequest(page, perPage), filterField, filter, nameGlob, deviceClass, deviceClassWire,
                tagFilter.stream().map(tag -> new DeviceSearch.TagFilter(tag.key(), tag.value())).toList(),
                tagFilter.isEmpty() ? Optional.empty() : Optional.of(tagFilter),
                LosantDeviceController.ConnectionInfoChoice.of(single(query, "excludeConnectionInfo").orElse(null)));
    }

    private static List<LosantDevices.TagFilter> tagFilter(MultiValueMap<String, String> query) {
        Map<Integer, String[]> pairs = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("tagFilter")) {
                continue;
            }
            Matcher matcher = TAG_FILTER.matcher(name);
            if (!matcher.matches() || parameter.getValue().size() != 1) {
                throw DomainException.invalid("tagFilter must be given as tagFilter[n][key] and tagFilter[n][value].");
            }
            int index = Integer.parseInt(matcher.group(1));
            if (index >= 100) {
                throw DomainException.invalid("tagFilter has at most 100 pairs.");
            }
            String value = parameter.getValue().getFirst();
            String[] pair = pairs.computeIfAbsent(index, i -> new String[2]);
            if (matcher.group(2).equals("key")) {
                if (!TAG_KEY.matcher(value).matches()) {
                    throw DomainException.invalid("A tagFilter key has 1 to 255 letters, digits, '_' or '-'.");
                }
                pair[0] = value;
            } else {
                if (value.isEmpty() || value.length() > 255) {
                    throw DomainException.invalid("A tagFilter value has 1 to 255 characters.");
                }
                pair[1] = value;
            }
        }
        List<LosantDevices.TagFilter> filters = new ArrayList<>();
        pairs.values().forEach(pair -> filters.add(new LosantDevices.TagFilter(pair[0], pair[1])));
        return filters;
    }

    private static Optional<String> single(MultiValueMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw DomainException.invalid(name + " may be given once.");
        }
        return Optional.of(values.getFirst());
    }

    private static int integer(MultiValueMap<String, String> query, String name, int fallback) {
        Optional<String> value = single(query, name).filter(text -> !text.isEmpty());
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException notANumber) {
            throw DomainException.invalid(name + " must be a whole number.");
        }
    }
}
