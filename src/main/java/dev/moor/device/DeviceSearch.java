package dev.moor.device;

import java.util.List;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.SubOrganizations;
import dev.moor.shared.UserId;

/**
 * What to look for among devices. {@code text} matches name or description; {@code nameGlob} matches the
 * whole name, case-insensitively, with {@code *} for any run of characters and {@code ?} for one; a tag
 * filter with a null key or value matches any key or value.
 */
public record DeviceSearch(Optional<String> text, List<TagFilter> tags, Optional<UserId> owner, Optional<String> templateId,
        Optional<DeviceClass> deviceClass, Optional<OrganizationId> organization, SubOrganizations subOrganizations,
        Sort sort, Optional<String> nameGlob) {

    public DeviceSearch(Optional<String> text, List<TagFilter> tags, Optional<UserId> owner, Optional<String> templateId,
            Optional<DeviceClass> deviceClass, Optional<OrganizationId> organization, SubOrganizations subOrganizations,
            Sort sort) {
        this(text, tags, owner, templateId, deviceClass, organization, subOrganizations, sort, Optional.empty());
    }

    /** Every device of the organization (and those below it when included), sorted. */
    public static DeviceSearch all(SubOrganizations subOrganizations, Sort sort) {
        return new DeviceSearch(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), subOrganizations, sort);
    }

    /** The same search with a glob on the name. */
    public DeviceSearch withNameGlob(String glob) {
        return new DeviceSearch(text, tags, owner, templateId, deviceClass, organization, subOrganizations, sort,
                Optional.ofNullable(glob).filter(value -> !value.isEmpty()));
    }

    public record TagFilter(String key, String value) {
    }

    public record Sort(Field field, Direction direction) {

        public static final Sort DEFAULT = new Sort(Field.ID, Direction.ASC);

        /** Parses {@code field} or {@code field,asc|desc}, as Moor's API takes it. */
        public static Sort parse(String sort) {
            if (sort == null || sort.isBlank()) {
                return DEFAULT;
            }
            String[] parts = sort.split(",", 2);
            Field field = switch (parts[0].strip()) {
                case "id" -> Field.ID;
                case "name" -> Field.NAME;
                case "createdAt" -> Field.CREATED_AT;
                case "updatedAt" -> Field.UPDATED_AT;
                case "activatedAt" -> Field.ACTIVATED_AT;
                default -> throw dev.moor.shared.DomainException.invalid(
                        "sort must be one of id, name, createdAt, updatedAt, activatedAt, optionally followed by ,asc or ,desc.");
            };
            Direction direction = parts.length < 2 ? Direction.ASC : switch (parts[1].strip().toLowerCase(java.util.Locale.ROOT)) {
                case "asc" -> Direction.ASC;
                case "desc" -> Direction.DESC;
                default -> throw dev.moor.shared.DomainException.invalid("sort direction must be asc or desc.");
            };
            return new Sort(field, direction);
        }
    }

    public enum Field {
        ID("d.id"), NAME("lower(d.name)"), CREATED_AT("d.created_at"), UPDATED_AT("d.updated_at"), ACTIVATED_AT("d.activated_at");

        final String column;

        Field(String column) {
            this.column = column;
        }
    }

    public enum Direction {
        ASC, DESC
    }
}
