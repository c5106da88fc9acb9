package dev.moor.telemetry;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.moor.device.DeviceId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class TimelineStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    TimelineStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /** An entry to insert. */
    record NewEntry(DeviceId device, TimelineType type, Instant ts, JsonNode data) {
    }

    /** Inserts entries of devices that still exist, in one statement. */
    void insert(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        Long[] devices = new Long[n];
        String[] types = new String[n];
        Timestamp[] times = new Timestamp[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            NewEntry entry = entries.get(i);
            devices[i] = entry.device().value();
            types[i] = entry.type().name();
            times[i] = Timestamp.from(entry.ts());
            data[i] = json.writeValueAsString(entry.data());
        }
        template.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into device_timeline (device_id, type, ts, data)
                    select e.device_id, e.type, e.ts, e.data
                    from unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::jsonb[]) as e(device_id, type, ts, data)
                    where exists (select 1 from devices d where d.id = e.device_id)""")) {
                Array[] arrays = {connection.createArrayOf("bigint", devices), connection.createArrayOf("text", types),
                        connection.createArrayOf("timestamptz", times), connection.createArrayOf("jsonb", data)};
                for (int i = 0; i < arrays.length; i++) {
                    statement.setArray(i + 1, arrays[i]);
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    List<TimelineEntry> page(DeviceId device, Optional<TimelineType> type, PageRequest page) {
        return page(device, type, Optional.empty(), page);
    }

    /** {@code level}, when given, keeps only entries whose data has that {@code level} (events). */
    List<TimelineEntry> page(DeviceId device, Optional<TimelineType> type, Optional<String> level, PageRequest page) {
        return jdbc.sql("""
                select id, type, ts, data from device_timeline
                where device_id = :id and (cast(:type as text) is null or type = :type)
                  and (cast(:level as text) is null or data ->> 'level' = :level)
                order by ts desc, id desc limit :limit offset :offset""")
                .param("id", device.value())
                .param("type", type.map(Enum::name).orElse(null))
                .param("level", level.orElse(null))
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, row) -> new TimelineEntry(rs.getLong("id"), TimelineType.valueOf(rs.getString("type")),
                        rs.getTimestamp("ts").toInstant(), json.readTree(rs.getString("data"))))
                .list();
    }

    long count(DeviceId device, Optional<TimelineType> type) {
        return count(device, type, Optional.empty());
    }

    long count(DeviceId device, Optional<TimelineType> type, Optional<String> level) {
        return jdbc.sql("""
                select count(*) from device_timeline
                where device_id = :id and (cast(:type as text) is null or type = :type)
                  and (cast(:level as text) is null or data ->> 'level' = :level)""")
                .param("id", device.value())
                .param("type", type.map(Enum::name).orElse(null))
                .param("level", level.orElse(null))
                .query(Long.class).single();
    }

    void deleteAll(DeviceId device) {
        jdbc.sql("delete from device_timeline where device_id = :id").param("id", device.value()).update();
    }
}
