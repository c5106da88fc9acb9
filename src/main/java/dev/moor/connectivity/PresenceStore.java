package dev.moor.connectivity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moor.device.DeviceId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class PresenceStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    PresenceStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    long nextSessionId() {
        return jdbc.sql("select nextval('device_session_seq')").query(Long.class).single();
    }

    /**
     * The presence row of a device, created when missing, locked until the transaction ends; empty when the
     * device is gone. The device row is locked first, in the same order as a device deletion takes them, so that
     * presence and deletion wait for each other instead of deadlocking.
     */
    Optional<Locked> lock(DeviceId device) {
        if (jdbc.sql("select id from devices where id = :id for no key update").param("id", device.value())
                .query(Long.class).optional().isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("""
                insert into device_presence (device_id) values (:id)
                on conflict (device_id) do nothing""")
                .param("id", device.value()).update();
        return jdbc.sql("select online, session_id, connected_at from device_presence where device_id = :id for update")
                .param("id", device.value())
                .query((rs, row) -> new Locked(rs.getBoolean("online"), rs.getLong("session_id"),
                        instant(rs, "connected_at")))
                .optional();
    }

    record Locked(boolean online, long sessionId, Instant connectedAt) {
    }

    void markConnected(DeviceId device, long sessionId, String node, String clientId, String protocol, String publicIp,
            Instant at) {
        jdbc.sql("""
                update device_presence set online = true, session_id = :session, node_id = :node, client_id = :client,
                       protocol = :protocol, public_ip = :ip, first_seen_at = coalesce(first_seen_at, :at),
                       last_seen_at = :at, connected_at = :at
                where device_id = :id""")
                .param("id", device.value())
                .param("session", sessionId)
                .param("node", node)
                .param("client", clientId)
                .param("protocol", protocol)
                .param("ip", publicIp)
                .param("at", Timestamp.from(at))
                .update();
    }

    void markDisconnected(DeviceId device, long sessionId, Instant at, String reason) {
        jdbc.sql("""
                update device_presence set online = false, session_id = :session, disconnected_at = :at,
                       disconnect_reason = :reason, last_seen_at = greatest(last_seen_at, :at),
                       first_seen_at = coalesce(first_seen_at, :at)
                where device_id = :id""")
                .param("id", device.value())
                .param("session", sessionId)
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .update();
    }

    /** Adds time online to the device's counters. */
    void addUptime(DeviceId device, long uptimeSeconds) {
        jdbc.sql("""
                insert into device_stats (device_id, uptime_seconds) select id, :uptime from devices where id = :id
                on conflict (device_id) do update set uptime_seconds = device_stats.uptime_seconds + excluded.uptime_seconds,
                       updated_at = now()""")
                .param("id", device.value())
                .param("uptime", uptimeSeconds)
                .update();
    }

    /** A session that a node held when it stopped. */
    record Stale(DeviceId device, String uid, long sessionId, Instant connectedAt, Instant lastSeenAt) {
    }

    List<Stale> onlineOn(String node) {
        return jdbc.sql("""
                select p.device_id, d.uid, p.session_id, p.connected_at, p.last_seen_at
                from device_presence p join devices d on d.id = p.device_id
                where p.online and p.node_id = :node for update of p""")
                .param("node", node)
                .query((rs, row) -> new Stale(new DeviceId(rs.getLong("device_id")), rs.getString("uid"), rs.getLong("session_id"),
                        instant(rs, "connected_at"), instant(rs, "last_seen_at")))
                .list();
    }

    void updateInfo(DeviceId device, JsonNode info, String localIp, Integer rssi) {
        jdbc.sql("""
                insert into device_presence as p (device_id, info, local_ip, rssi)
                select id, cast(:info as jsonb), :localIp, :rssi from devices where id = :id
                on conflict (device_id) do update set info = p.info || excluded.info,
                       local_ip = coalesce(excluded.local_ip, p.local_ip), rssi = coalesce(excluded.rssi, p.rssi)""")
                .param("id", device.value())
                .param("info", json.writeValueAsString(info))
                .param("localIp", localIp)
                .param("rssi", rssi)
                .update();
    }

    /** Applies coalesced last-seen times and counters in two statements, whatever the number of devices. */
    void flush(List<ActivityCounters.Delta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        int n = deltas.size();
        Long[] ids = new Long[n];
        Timestamp[] seen = new Timestamp[n];
        Long[] messagesIn = new Long[n];
        Long[] bytesIn = new Long[n];
        Long[] messagesOut = new Long[n];
        Long[] bytesOut = new Long[n];
        Long[] connects = new Long[n];
        String[] rejected = new String[n];
        for (int i = 0; i < n; i++) {
            ActivityCounters.Delta delta = deltas.get(i);
            ids[i] = delta.device().value();
            seen[i] = delta.lastSeen() == null ? null : Timestamp.from(delta.lastSeen());
            messagesIn[i] = delta.messagesIn();
            bytesIn[i] = delta.bytesIn();
            messagesOut[i] = delta.messagesOut();
            bytesOut[i] = delta.bytesOut();
            connects[i] = delta.connects();
            rejected[i] = json.writeValueAsString(delta.rejected());
        }
        template.execute((ConnectionCallback<Void>) connection -> {
            Array idArray = connection.createArrayOf("bigint", ids);
            try (var presence = connection.prepareStatement("""
                    insert into device_presence as p (device_id, first_seen_at, last_seen_at)
                    select d.id, d.seen, d.seen from unnest(?::bigint[], ?::timestamptz[]) as d(id, seen)
                    where d.seen is not null and exists (select 1 from devices where devices.id = d.id)
                    on conflict (device_id) do update set last_seen_at = greatest(p.last_seen_at, excluded.last_seen_at),
                           first_seen_at = coalesce(p.first_seen_at, excluded.first_seen_at)""");
                 var stats = connection.prepareStatement("""
                    insert into device_stats as s (device_id, messages_in, bytes_in, messages_out, bytes_out, connects, rejected)
                    select d.id, d.mi, d.bi, d.mo, d.bo, d.co, d.rej
                    from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::jsonb[])
                         as d(id, mi, bi, mo, bo, co, rej)
                    where exists (select 1 from devices where devices.id = d.id)
                    on conflict (device_id) do update set messages_in = s.messages_in + excluded.messages_in,
                           bytes_in = s.bytes_in + excluded.bytes_in, messages_out = s.messages_out + excluded.messages_out,
                           bytes_out = s.bytes_out + excluded.bytes_out, connects = s.connects + excluded.connects,
                           rejected = (select coalesce(jsonb_object_agg(k, coalesce((s.rejected ->> k)::bigint, 0)
                                                                          + coalesce((excluded.rejected ->> k)::bigint, 0)), '{}')
                                       from (select jsonb_object_keys(s.rejected) union select jsonb_object_keys(excluded.rejected)) keys(k)),
                           updated_at = now()""");
                 var daily = connection.prepareStatement("""
                    insert into device_stats_daily as s (device_id, day, messages_in, bytes_in, messages_out, bytes_out)
                    select d.id, (now() at time zone 'UTC')::date, d.mi, d.bi, d.mo, d.bo
                    from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) as d(id, mi, bi, mo, bo)
                    where (d.mi > 0 or d.mo > 0) and exists (select 1 from devices where devices.id = d.id)
                    on conflict (device_id, day) do update set messages_in = s.messages_in + excluded.messages_in,
                           bytes_in = s.bytes_in + excluded.bytes_in, messages_out = s.messages_out + excluded.messages_out,
                           bytes_out = s.bytes_out + excluded.bytes_out""")) {
                presence.setArray(1, idArray);
                presence.setArray(2, connection.createArrayOf("timestamptz", seen));
                presence.executeUpdate();
                stats.setArray(1, idArray);
                stats.setArray(2, connection.createArrayOf("bigint", messagesIn));
                stats.setArray(3, connection.createArrayOf("bigint", bytesIn));
                stats.setArray(4, connection.createArrayOf("bigint", messagesOut));
                stats.setArray(5, connection.createArrayOf("bigint", bytesOut));
                stats.setArray(6, connection.createArrayOf("bigint", connects));
                stats.setArray(7, connection.createArrayOf("jsonb", rejected));
                stats.executeUpdate();
                daily.setArray(1, idArray);
                daily.setArray(2, connection.createArrayOf("bigint", messagesIn));
                daily.setArray(3, connection.createArrayOf("bigint", bytesIn));
                daily.setArray(4, connection.createArrayOf("bigint", messagesOut));
                daily.setArray(5, connection.createArrayOf("bigint", bytesOut));
                daily.executeUpdate();
            }
            return null;
        });
    }

    Optional<DeviceStatus> status(DeviceId device) {
        return jdbc.sql("""
                select p.*, coalesce(s.connects, 0) as connects from device_presence p
                left join device_stats s on s.device_id = p.device_id where p.device_id = :id""")
                .param("id", device.value())
                .query(this::mapStatus)
                .optional();
    }

    List<DeviceStatus> statuses(Collection<Long> devices) {
        return jdbc.sql("""
                select p.*, coalesce(s.connects, 0) as connects from device_presence p
                left join device_stats s on s.device_id = p.device_id where p.device_id in (:ids)""")
                .param("ids", devices)
                .query(this::mapStatus)
                .list();
    }

    private DeviceStatus mapStatus(ResultSet rs, int row) throws SQLException {
        int rssi = rs.getInt("rssi");
        Integer rssiValue = rs.wasNull() ? null : rssi;
        return new DeviceStatus(rs.getLong("device_id"), rs.getBoolean("online"), instant(rs, "first_seen_at"),
                instant(rs, "last_seen_at"), instant(rs, "connected_at"), instant(rs, "disconnected_at"),
                rs.getString("disconnect_reason"), rs.getString("public_ip"), rs.getString("local_ip"),
                rssiValue, rs.getString("client_id"), rs.getString("protocol"), rs.getLong("connects"),
                json.readTree(rs.getString("info")));
    }

    Optional<String> nodeHolding(DeviceId device) {
        return jdbc.sql("select node_id from device_presence where device_id = :id and online")
                .param("id", device.value()).query(String.class).optional();
    }

    boolean isOnline(DeviceId device) {
        return jdbc.sql("select online from device_presence where device_id = :id")
                .param("id", device.value()).query(Boolean.class).optional().orElse(false);
    }

    Optional<DeviceActivity> activity(DeviceId device) {
        return jdbc.sql("select * from device_stats where device_id = :id")
                .param("id", device.value())
                .query((rs, row) -> new DeviceActivity(device.value(), rs.getLong("messages_in"), rs.getLong("bytes_in"),
                        rs.getLong("messages_out"), rs.getLong("bytes_out"), rs.getLong("connects"),
                        rs.getLong("uptime_seconds"),
                        json.readValue(rs.getString("rejected"), new TypeReference<Map<String, Long>>() { })))
                .optional();
    }

    /** The device's stored daily counters from {@code from} on, by day; days without traffic are absent. */
    List<DailyActivity> dailyActivity(DeviceId device, LocalDate from) {
        return jdbc.sql("""
                select day, messages_in, bytes_in, messages_out, bytes_out from device_stats_daily
                where device_id = :id and day >= :from order by day""")
                .param("id", device.value())
                .param("from", from)
                .query((rs, row) -> new DailyActivity(rs.getObject("day", LocalDate.class), rs.getLong("messages_in"),
                        rs.getLong("bytes_in"), rs.getLong("messages_out"), rs.getLong("bytes_out")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
