package dev.moor.telemetry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.moor.device.DeviceId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class TelemetryStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    TelemetryStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /**
     * Appends the values to the history and moves the latest values forward, in two statements for the
     * whole batch (arrays through unnest), whatever its size. A value older than the stored latest one
     * leaves the latest alone.
     */
    void store(List<DatastreamValue.Point> points) {
        if (points.isEmpty()) {
            return;
        }
        int n = points.size();
        Long[] devices = new Long[n];
        String[] names = new String[n];
        Timestamp[] times = new Timestamp[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            DatastreamValue.Point point = points.get(i);
            devices[i] = point.device().value();
            names[i] = point.name();
            times[i] = Timestamp.from(point.ts());
            values[i] = json.writeValueAsString(point.value());
        }
        template.execute((ConnectionCallback<Void>) connection -> {
            Array deviceArray = connection.createArrayOf("bigint", devices);
            Array nameArray = connection.createArrayOf("text", names);
            Array timeArray = connection.createArrayOf("timestamptz", times);
            Array valueArray = connection.createArrayOf("jsonb", values);
            execute(connection, """
                    insert into datastream_history (device_id, name, ts, value)
                    select * from unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::jsonb[])""",
                    deviceArray, nameArray, timeArray, valueArray);
            execute(connection, """
                    insert into datastream_values as v (device_id, name, value, updated_at)
                    select distinct on (d.device_id, d.name) d.device_id, d.name, d.value, d.ts
                    from unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::jsonb[]) as d(device_id, name, ts, value)
                    order by d.device_id, d.name, d.ts desc
                    on conflict (device_id, name) do update set value = excluded.value, updated_at = excluded.updated_at
                    where excluded.updated_at >= v.updated_at""",
                    deviceArray, nameArray, timeArray, valueArray);
            return null;
        });
    }

    private static void execute(Connection connection, String sql, Array... arrays) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            statement.executeUpdate();
        }
    }

    List<DatastreamValue> latest(DeviceId device) {
        return jdbc.sql("select name, value, updated_at from datastream_values where device_id = :id order by name")
                .param("id", device.value())
                .query((rs, row) -> new DatastreamValue(rs.getString("name"), json.readTree(rs.getString("value")),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    List<DatastreamValue.Sample> history(DeviceId device, String name, Instant from, Instant to, PageRequest page) {
        return jdbc.sql("""
                select ts, value from datastream_history
                where device_id = :id and name = :name and ts >= :from and ts < :to
                order by ts desc limit :limit offset :offset""")
                .param("id", device.value())
                .param("name", name)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, row) -> new DatastreamValue.Sample(rs.getTimestamp("ts").toInstant(),
                        json.readTree(rs.getString("value"))))
                .list();
    }

    long countHistory(DeviceId device, String name, Instant from, Instant to) {
        return jdbc.sql("""
                select count(*) from datastream_history
                where device_id = :id and name = :name and ts >= :from and ts < :to""")
                .param("id", device.value())
                .param("name", name)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(Long.class).single();
    }

    void deleteLogs(DeviceId device) {
        jdbc.sql("delete from datastream_logs where device_id = :id").param("id", device.value()).update();
    }

    void deleteAll(DeviceId device) {
        jdbc.sql("delete from datastream_history where device_id = :id").param("id", device.value()).update();
        jdbc.sql("delete from datastream_values where device_id = :id").param("id", device.value()).update();
    }

    long log(DeviceId device, String name, String value, Long userId, long tokenId) {
        return jdbc.sql("""
                insert into datastream_logs (device_id, name, value, user_id, token_id, delivery)
                values (:id, :name, cast(:value as jsonb), :user, :token, 'PENDING') returning id""")
                .param("id", device.value())
                .param("name", name)
                .param("value", value)
                .param("user", userId)
                .param("token", tokenId)
                .query(Long.class).single();
    }

    void logDelivery(long logId, String delivery) {
        jdbc.sql("update datastream_logs set delivery = :delivery where id = :id")
                .param("id", logId).param("delivery", delivery).update();
    }

    List<DatastreamLog> logs(DeviceId device, PageRequest page) {
        return jdbc.sql("""
                select id, name, value, user_id, delivery, ts from datastream_logs where device_id = :id
                order by ts desc, id desc limit :limit offset :offset""")
                .param("id", device.value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, row) -> {
                    long user = rs.getLong("user_id");
                    return new DatastreamLog(rs.getLong("id"), rs.getString("name"), json.readTree(rs.getString("value")),
                            rs.wasNull() ? null : user, rs.getString("delivery"), rs.getTimestamp("ts").toInstant());
                })
                .list();
    }

    long countLogs(DeviceId device) {
        return jdbc.sql("select count(*) from datastream_logs where device_id = :id")
                .param("id", device.value()).query(Long.class).single();
    }
}
