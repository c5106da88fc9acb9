package dev.moor.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import dev.moor.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeviceGroupStore {

    private static final String COLUMNS = """
            g.id, g.organization_id, g.owner_user_id, g.name, g.client_name, g.email, g.telephone, g.created_at,
            g.updated_at, (select count(*) from device_group_members m where m.group_id = g.id) as device_count""";

    private final JdbcClient jdbc;

    DeviceGroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contact fields of a group, as stored. */
    record Fields(String name, String clientName, String email, String telephone) {
    }

    DeviceGroupId insert(OrganizationId organization, Long ownerUserId, Fields fields) {
        return new DeviceGroupId(jdbc.sql("""
                insert into device_groups (organization_id, owner_user_id, name, client_name, email, telephone)
                values (:organization, :owner, :name, :clientName, :email, :telephone)
                returning id""")
                .param("organization", organization.value())
                .param("owner", ownerUserId)
                .param("name", fields.name())
                .param("clientName", fields.clientName())
                .param("email", fields.email())
                .param("telephone", fields.telephone())
                .query(Long.class).single());
    }

    Optional<DeviceGroup> find(DeviceGroupId id) {
        return jdbc.sql("select %s from device_groups g where g.id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(DeviceGroupStore::map).optional();
    }

    /** One page of the groups of an organization, by name; {@code ownedBy} narrows it to one user's groups. */
    List<DeviceGroup> page(OrganizationId organization, Optional<UserId> ownedBy, PageRequest page) {
        return jdbc.sql("""
                select %s from device_groups g
                where g.organization_id = :organization and (cast(:owner as bigint) is null or g.owner_user_id = :owner)
                order by g.name, g.id limit :limit offset :offset""".formatted(COLUMNS))
                .param("organization", organization.value())
                .param("owner", ownedBy.map(UserId::value).orElse(null))
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(DeviceGroupStore::map).list();
    }

    long count(OrganizationId organization, Optional<UserId> ownedBy) {
        return jdbc.sql("""
                select count(*) from device_groups g
                where g.organization_id = :organization and (cast(:owner as bigint) is null or g.owner_user_id = :owner)""")
                .param("organization", organization.value())
                .param("owner", ownedBy.map(UserId::value).orElse(null))
                .query(Long.class).single();
    }

    void update(DeviceGroupId id, Fields fields) {
        jdbc.sql("""
                update device_groups set name = :name, client_name = :clientName, email = :email, telephone = :telephone,
                       updated_at = now()
                where id = :id""")
                .param("id", id.value())
                .param("name", fields.name())
                .param("clientName", fields.clientName())
                .param("email", fields.email())
                .param("telephone", fields.telephone())
                .update();
    }

    void delete(DeviceGroupId id) {
        jdbc.sql("delete from device_groups where id = :id").param("id", id.value()).update();
    }

    /** Puts the device into the group, taking it out of any other. */
    void addMember(DeviceGroupId group, DeviceId device) {
        jdbc.sql("""
                insert into device_group_members (device_id, group_id) values (:device, :group)
                on conflict (device_id) do update set group_id = excluded.group_id, added_at = now()""")
                .param("device", device.value())
                .param("group", group.value())
                .update();
    }

    /** Returns false when the device was not in the group. */
    boolean removeMember(DeviceGroupId group, DeviceId device) {
        return jdbc.sql("delete from device_group_members where device_id = :device and group_id = :group")
                .param("device", device.value())
                .param("group", group.value())
                .update() > 0;
    }

    /** The ids of a group's devices, oldest first. */
    List<DeviceId> members(DeviceGroupId group) {
        return jdbc.sql("select device_id from device_group_members where group_id = :group order by device_id")
                .param("group", group.value())
                .query(Long.class).list().stream().map(DeviceId::new).toList();
    }

    /** The group of each of the given devices that is in one. */
    Map<DeviceId, DeviceGroupId> groupsOf(Collection<DeviceId> devices) {
        Map<DeviceId, DeviceGroupId> groups = new HashMap<>();
        if (devices.isEmpty()) {
            return groups;
        }
        jdbc.sql("select device_id, group_id from device_group_members where device_id in (:devices)")
                .param("devices", devices.stream().map(DeviceId::value).toList())
                .query((ResultSet rs) -> {
                    groups.put(new DeviceId(rs.getLong("device_id")), new DeviceGroupId(rs.getLong("group_id")));
                });
        return groups;
    }

    private static DeviceGroup map(ResultSet rs, int row) throws SQLException {
        long owner = rs.getLong("owner_user_id");
        Long ownerUserId = rs.wasNull() ? null : owner;
        return new DeviceGroup(rs.getLong("id"), rs.getLong("organization_id"), ownerUserId, rs.getString("name"),
                rs.getString("client_name"), rs.getString("email"), rs.getString("telephone"), rs.getLong("device_count"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
