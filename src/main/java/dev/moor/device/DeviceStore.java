package dev.moor.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.auth.DeviceCredentials;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import dev.moor.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DeviceStore {

    private static final String COLUMNS = """
            d.id, d.uid, d.name, d.description, d.template_id, d.organization_id, d.owner_user_id, d.token_ciphertext,
            d.device_class, d.platform, d.board, d.board_variant, d.status, d.activated_at, d.attributes, d.meta,
            d.created_at, d.updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final DeviceCredentials credentials;

    DeviceStore(JdbcClient jdbc, JsonMapper json, DeviceCredentials credentials) {
        this.jdbc = jdbc;
        this.json = json;
        this.credentials = credentials;
    }

    /** The columns of a new device, before it has an id. */
    record NewRow(String uid, String name, String description, String templateId, OrganizationId organization,
            Long ownerUserId, DeviceCredentials.IssuedToken token, DeviceClass deviceClass, String platform, String board,
            String boardVariant, List<Device.Attribute> attributes, JsonNode meta) {
    }

    long insert(NewRow row) {
        return jdbc.sql("""
                insert into devices (uid, name, description, template_id, organization_id, owner_user_id, token_ciphertext,
                                     token_index, device_class, platform, board, board_variant, attributes, meta)
                values (:uid, :name, :description, :template, :organization, :owner, :ciphertext, :index, :deviceClass,
                        :platform, :board, :boardVariant, cast(:attributes as jsonb), cast(:meta as jsonb))
                returning id""")
                .param("uid", row.uid())
                .param("name", row.name())
                .param("description", row.description())
                .param("template", row.templateId())
                .param("organization", row.organization().value())
                .param("owner", row.ownerUserId())
                .param("ciphertext", row.token().ciphertext())
                .param("index", row.token().index())
                .param("deviceClass", row.deviceClass().wire())
                .param("platform", row.platform())
                .param("board", row.board())
                .param("boardVariant", row.boardVariant())
                .param("attributes", json.writeValueAsString(row.attributes()))
                .param("meta", json.writeValueAsString(row.meta()))
                .query(Long.class).single();
    }

    Optional<Device> find(DeviceId id) {
        return jdbc.sql("select %s from devices d where d.id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(this::map).optional()
                .map(device -> device.withTags(tags(List.of(device.id())).getOrDefault(device.id(), List.of())));
    }

    Optional<Device> findByTokenIndex(byte[] index) {
        return jdbc.sql("select %s from devices d where d.token_index = :index".formatted(COLUMNS))
                .param("index", index)
                .query(this::map).optional()
                .map(device -> device.withTags(tags(List.of(device.id())).getOrDefault(device.id(), List.of())));
    }

    Optional<Device> findByUid(String uid) {
        return jdbc.sql("select %s from devices d where d.uid = :uid".formatted(COLUMNS))
                .param("uid", uid)
                .query(this::map).optional();
    }

    void markOnline(DeviceId id) {
        jdbc.sql("update devices set status = 'online' where id = :id").param("id", id.value()).update();
    }

    void markOffline(DeviceId id) {
        jdbc.sql("update devices set status = 'offline' where id = :id and status = 'online'")
                .param("id", id.value()).update();
    }

    /** The columns a change may touch. */
    record Change(String name, String description, DeviceClass deviceClass, String platform, String board,
            String boardVariant, List<Device.Attribute> attributes, JsonNode meta) {
    }

    void update(DeviceId id, Change change) {
        jdbc.sql("""
                update devices set name = :name, description = :description, device_class = :deviceClass,
                       platform = :platform, board = :board, board_variant = :boardVariant,
                       attributes = cast(:attributes as jsonb), meta = cast(:meta as jsonb),
                       version = version + 1, updated_at = now()
                where id = :id""")
                .param("id", id.value())
                .param("name", change.name())
                .param("description", change.description())
                .param("deviceClass", change.deviceClass().wire())
                .param("platform", change.platform())
                .param("board", change.board())
                .param("boardVariant", change.boardVariant())
                .param("attributes", json.writeValueAsString(change.attributes()))
                .param("meta", json.writeValueAsString(change.meta()))
                .update();
    }

    void replaceTags(DeviceId id, List<Device.KeyValue> tags) {
        jdbc.sql("delete from device_tags where device_id = :id").param("id", id.value()).update();
        for (Device.KeyValue tag : tags) {
            jdbc.sql("insert into device_tags (device_id, key, value) values (:id, :key, :value) on conflict do nothing")
                    .param("id", id.value())
                    .param("key", tag.key())
                    .param("value", tag.value())
                    .update();
        }
    }

    void setOwner(DeviceId id, Long ownerUserId) {
        jdbc.sql("""
                update devices set owner_user_id = :owner, version = version + 1, updated_at = now()
                where id = :id""")
                .param("id", id.value())
                .param("owner", ownerUserId)
                .update();
    }

    /**
     * Moves a device to another organization without an owner, and drops the organization tags that do
     * not reach it (tags of an organization that is not the destination or above it).
     */
    void moveTo(DeviceId id, OrganizationId destination) {
        jdbc.sql("""
                update devices set organization_id = :destination, owner_user_id = null, version = version + 1,
                       updated_at = now()
                where id = :id""")
                .param("id", id.value())
                .param("destination", destination.value())
                .update();
        jdbc.sql("""
                with recursive chain(id, parent_id) as (
                    select id, parent_id from organizations where id = :destination
                    union all
                    select o.id, o.parent_id from organizations o join chain c on o.id = c.parent_id
                )
                delete from device_org_tags dt using org_tags t
                where dt.device_id = :id and dt.tag_id = t.id
                  and t.organization_id not in (select id from chain)""")
                .param("id", id.value())
                .param("destination", destination.value())
                .update();
    }

    /** Sets the activation time unless it is set already; returns the device's uid if it did. */
    Optional<String> activate(DeviceId id, Instant at) {
        return jdbc.sql("""
                update devices set activated_at = :at, version = version + 1, updated_at = now()
                where id = :id and activated_at is null
                returning uid""")
                .param("id", id.value())
                .param("at", Timestamp.from(at))
                .query(String.class).optional();
    }

    /** Devices of one organization activated at or after {@code since}, newest activation first. */
    List<Device> activatedSince(OrganizationId organization, Instant since, int limit) {
        List<Device> devices = jdbc.sql("""
                select %s from devices d
                where d.organization_id = :organization and d.activated_at >= :since
                order by d.activated_at desc, d.id desc limit :limit""".formatted(COLUMNS))
                .param("organization", organization.value())
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query(this::map).list();
        return withTags(devices);
    }

    void delete(DeviceId id) {
        jdbc.sql("delete from devices where id = :id").param("id", id.value()).update();
    }

    /**
     * One page of the devices in {@code organizations} that match the search; {@code ownedBy} narrows it to
     * one owner's devices (for callers that may see only their own).
     */
    List<Device> search(Collection<Long> organizations, DeviceSearch search, Optional<UserId> ownedBy, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        String where = where(organizations, search, ownedBy, params);
        String direction = search.sort().direction() == DeviceSearch.Direction.DESC ? "desc" : "asc";
        String order = search.sort().field().column + " " + direction + " nulls last, d.id " + direction;
        List<Device> devices = jdbc.sql("select %s from devices d where %s order by %s limit :limit offset :offset"
                        .formatted(COLUMNS, where, order))
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map).list();
        return withTags(devices);
    }

    private List<Device> withTags(List<Device> devices) {
        if (devices.isEmpty()) {
            return devices;
        }
        Map<Long, List<Device.KeyValue>> tags = tags(devices.stream().map(Device::id).toList());
        return devices.stream().map(device -> device.withTags(tags.getOrDefault(device.id(), List.of()))).toList();
    }

    long count(Collection<Long> organizations, DeviceSearch search, Optional<UserId> ownedBy) {
        Map<String, Object> params = new HashMap<>();
        String where = where(organizations, search, ownedBy, params);
        return jdbc.sql("select count(*) from devices d where " + where).params(params).query(Long.class).single();
    }

    private static String where(Collection<Long> organizations, DeviceSearch search, Optional<UserId> ownedBy,
            Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("d.organization_id in (:organizations)");
        params.put("organizations", organizations);
        ownedBy.ifPresent(owner -> {
            conditions.add("d.owner_user_id = :ownedBy");
            params.put("ownedBy", owner.value());
        });
        search.owner().ifPresent(owner -> {
            conditions.add("d.owner_user_id = :owner");
            params.put("owner", owner.value());
        });
        search.text().filter(text -> !text.isBlank()).ifPresent(text -> {
            conditions.add("(d.name ilike :text escape '\\' or d.description ilike :text escape '\\')");
            params.put("text", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        });
        search.nameGlob().ifPresent(glob -> {
            conditions.add("d.name ilike :nameGlob escape '\\'");
            params.put("nameGlob", likePattern(glob));
        });
        search.templateId().ifPresent(template -> {
            conditions.add("d.template_id = :template");
            params.put("template", template);
        });
        search.deviceClass().ifPresent(deviceClass -> {
            conditions.add("d.device_class = :deviceClass");
            params.put("deviceClass", deviceClass.wire());
        });
        for (int i = 0; i < search.tags().size(); i++) {
            DeviceSearch.TagFilter tag = search.tags().get(i);
            StringBuilder condition = new StringBuilder("exists (select 1 from device_tags t where t.device_id = d.id");
            if (tag.key() != null) {
                condition.append(" and t.key = :tagKey").append(i);
                params.put("tagKey" + i, tag.key());
            }
            if (tag.value() != null) {
                condition.append(" and t.value = :tagValue").append(i);
                params.put("tagValue" + i, tag.value());
            }
            conditions.add(condition.append(')').toString());
        }
        return String.join(" and ", conditions);
    }

    /** A glob ({@code *} any run, {@code ?} one character) as a LIKE pattern; LIKE's own wildcards are escaped. */
    static String likePattern(String glob) {
        StringBuilder like = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }

    private Map<Long, List<Device.KeyValue>> tags(List<Long> deviceIds) {
        Map<Long, List<Device.KeyValue>> tags = new LinkedHashMap<>();
        jdbc.sql("select device_id, key, value from device_tags where device_id in (:ids) order by key, value")
                .param("ids", deviceIds)
                .query((ResultSet rs) -> {
                    tags.computeIfAbsent(rs.getLong("device_id"), id -> new ArrayList<>())
                            .add(new Device.KeyValue(rs.getString("key"), rs.getString("value")));
                });
        return tags;
    }

    List<MetafieldValue> metafieldValues(DeviceId id, List<Metafield> definitions) {
        Map<Long, JsonNode> values = new HashMap<>();
        jdbc.sql("select metafield_id, value from device_metafields where device_id = :id")
                .param("id", id.value())
                .query((ResultSet rs) -> {
                    String value = rs.getString("value");
                    values.put(rs.getLong("metafield_id"), value == null ? null : json.readTree(value));
                });
        return definitions.stream().map(definition -> new MetafieldValue(definition.id(), definition.name(),
                definition.type(), definition.mandatory(), definition.includeInProvision(),
                values.getOrDefault(definition.id(), definition.defaultValue()))).toList();
    }

    void setMetafield(DeviceId id, long metafieldId, JsonNode value) {
        jdbc.sql("""
                insert into device_metafields (device_id, metafield_id, value) values (:id, :metafield, cast(:value as jsonb))
                on conflict (device_id, metafield_id) do update set value = excluded.value, updated_at = now()""")
                .param("id", id.value())
                .param("metafield", metafieldId)
                .param("value", json.writeValueAsString(value))
                .update();
    }

    Optional<DeviceId> findIdByUid(String uid) {
        return jdbc.sql("select id from devices where uid = :uid")
                .param("uid", uid)
                .query(Long.class).optional().map(DeviceId::new);
    }

    private Device map(ResultSet rs, int row) throws SQLException {
        long owner = rs.getLong("owner_user_id");
        Long ownerUserId = rs.wasNull() ? null : owner;
        Timestamp activatedAt = rs.getTimestamp("activated_at");
        return new Device(rs.getLong("id"), rs.getString("uid"), rs.getString("name"), rs.getString("description"),
                rs.getString("template_id"), rs.getLong("organization_id"), ownerUserId,
                credentials.reveal(rs.getBytes("token_ciphertext")), DeviceClass.fromWire(rs.getString("device_class")),
                rs.getString("platform"), rs.getString("board"), rs.getString("board_variant"), rs.getString("status"),
                activatedAt == null ? null : activatedAt.toInstant(),
                List.of(),
                json.readValue(rs.getString("attributes"), new TypeReference<List<Device.Attribute>>() { }),
                json.readTree(rs.getString("meta")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
