package dev.moor.command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.moor.device.DeviceId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commands and their state changes. Every change is a guarded update ({@code where status = ...}), so that
 * concurrent actors (a PUBACK, the device's reply, the sweeper, another node) never move a command backwards.
 */
@Repository
class CommandStore {

    private static final String COLUMNS = """
            c.id, c.device_id, c.batch_id, c.name, c.payload, c.time, c.status, c.when_offline, c.created_at, c.sent_at,
            c.delivered_at, c.acknowledged_at, c.expires_at, c.result, c.error""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CommandStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new command, stored as QUEUED (or FAILED with an error, for a refused many-device member). */
    record NewRow(CommandId id, DeviceId device, UUID batchId, String name, JsonNode payload, Instant time,
            WhenOffline whenOffline, Instant expiresAt, CommandStatus status, String error) {
    }

    void insert(NewRow row) {
        jdbc.sql("""
                insert into commands (id, device_id, batch_id, name, payload, time, status, when_offline, expires_at, error,
                                      finished_at)
                values (:id, :device, :batch, :name, cast(:payload as jsonb), :time, :status, :whenOffline, :expiresAt, :error,
                        case when :status = 'FAILED' then now() end)""")
                .param("id", row.id().value())
                .param("device", row.device().value())
                .param("batch", row.batchId())
                .param("name", row.name())
                .param("payload", json.writeValueAsString(row.payload()))
                .param("time", timestamp(row.time()))
                .param("status", row.status().name())
                .param("whenOffline", row.whenOffline().wire())
                .param("expiresAt", timestamp(row.expiresAt()))
                .param("error", row.error())
                .update();
    }

    Optional<Command> find(CommandId id) {
        return jdbc.sql("select %s from commands c where c.id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(this::map).optional();
    }

    List<Command> history(DeviceId device, PageRequest page) {
        return jdbc.sql("""
                select %s from commands c where c.device_id = :device order by c.created_at desc, c.id desc
                limit :limit offset :offset""".formatted(COLUMNS))
                .param("device", device.value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map).list();
    }

    long count(DeviceId device) {
        return jdbc.sql("select count(*) from commands where device_id = :device")
                .param("device", device.value())
                .query(Long.class).single();
    }

    /** QUEUED to SENT, unless it has expired or another actor took it first. Returns the command when taken. */
    Optional<Command> claim(CommandId id) {
        return jdbc.sql("""
                update commands c set status = 'SENT', sent_at = now(), attempts = attempts + 1
                where c.id = :id and c.status = 'QUEUED' and c.expires_at > now()
                returning %s""".formatted(COLUMNS))
                .param("id", id.value())
                .query(this::map).optional();
    }

    /** The device's queued commands that are due for an attempt, oldest first. */
    List<CommandId> dueFor(DeviceId device) {
        return jdbc.sql("""
                select id from commands where device_id = :device and status = 'QUEUED' and expires_at > now()
                  and next_attempt_at <= now()
                order by created_at, id""")
                .param("device", device.value())
                .query((rs, row) -> new CommandId(rs.getObject("id", UUID.class))).list();
    }

    /** All of the device's queued commands that have not expired, oldest first, whenever they were due. */
    List<CommandId> queuedFor(DeviceId device) {
        return jdbc.sql("""
                select id from commands where device_id = :device and status = 'QUEUED' and expires_at > now()
                order by created_at, id""")
                .param("device", device.value())
                .query((rs, row) -> new CommandId(rs.getObject("id", UUID.class))).list();
    }

    /** Devices with queued commands due for an attempt. */
    List<DeviceId> devicesWithDueCommands(int limit) {
        return jdbc.sql("""
                select distinct device_id from commands where status = 'QUEUED' and expires_at > now() and next_attempt_at <= now()
                limit :limit""")
                .param("limit", limit)
                .query((rs, row) -> new DeviceId(rs.getLong("device_id"))).list();
    }

    /** Sets when the device's queued commands are next tried. */
    void makeDueAt(DeviceId device, Instant at) {
        jdbc.sql("update commands set next_attempt_at = :at where device_id = :device and status = 'QUEUED'")
                .param("device", device.value())
                .param("at", timestamp(at))
                .update();
    }

    /** The device's client took it (PUBACK); a reply that came first keeps its status. */
    void delivered(CommandId id) {
        jdbc.sql("""
                update commands set delivered_at = coalesce(delivered_at, now()),
                       status = case when status = 'SENT' then 'DELIVERED' else status end
                where id = :id and status in ('SENT', 'DELIVERED', 'ACKNOWLEDGED', 'FAILED')""")
                .param("id", id.value())
                .update();
    }

    /** SENT back to QUEUED, to be tried again no earlier than {@code next}. */
    void requeue(CommandId id, Instant next) {
        jdbc.sql("update commands set status = 'QUEUED', sent_at = null, next_attempt_at = :next where id = :id and status = 'SENT'")
                .param("id", id.value())
                .param("next", timestamp(next))
                .update();
    }

    /** SENT (or QUEUED) to FAILED, without a reply from the device. Returns false when it had moved on. */
    boolean fail(CommandId id, String error) {
        return jdbc.sql("""
                update commands set status = 'FAILED', error = :error, finished_at = now()
                where id = :id and status in ('QUEUED', 'SENT')""")
                .param("id", id.value())
                .param("error", error)
                .update() == 1;
    }

    /** The device's reply: ACKNOWLEDGED or FAILED, accepted once, and only from the device the command was for. */
    boolean answer(CommandId id, DeviceId device, CommandStatus status, JsonNode result) {
        return jdbc.sql("""
                update commands set status = :status, acknowledged_at = now(), finished_at = now(),
                       result = cast(:result as jsonb), delivered_at = coalesce(delivered_at, now())
                where id = :id and device_id = :device and status in ('SENT', 'DELIVERED')""")
                .param("id", id.value())
                .param("device", device.value())
                .param("status", status.name())
                .param("result", result == null ? null : json.writeValueAsString(result))
                .update() == 1;
    }

    /** Queued commands whose time ran out become EXPIRED. Returns them. */
    List<Command> expire() {
        return jdbc.sql("""
                update commands c set status = 'EXPIRED', finished_at = now()
                where c.status = 'QUEUED' and c.expires_at <= now()
                returning %s""".formatted(COLUMNS))
                .query(this::map).list();
    }

    /**
     * Commands published so long ago that their PUBACK will not come (the process that waited for it ended):
     * queueing ones wait again, rejecting ones fail. Returns how many changed.
     */
    int releaseUnconfirmed(Instant sentBefore) {
        int requeued = jdbc.sql("""
                update commands set status = 'QUEUED', sent_at = null, next_attempt_at = now()
                where status = 'SENT' and sent_at < :before and when_offline = 'queue'""")
                .param("before", timestamp(sentBefore))
                .update();
        int failed = jdbc.sql("""
                update commands set status = 'FAILED', error = 'No delivery confirmation from the device.', finished_at = now()
                where status = 'SENT' and sent_at < :before and when_offline = 'reject'""")
                .param("before", timestamp(sentBefore))
                .update();
        return requeued + failed;
    }

    void insertBatch(UUID id, long organization, CommandService.ManyDeviceCommand command, JsonNode selector, long ttlSeconds) {
        jdbc.sql("""
                insert into command_batches (id, organization_id, name, payload, time, selector, when_offline, ttl_seconds)
                values (:id, :organization, :name, cast(:payload as jsonb), :time, cast(:selector as jsonb), :whenOffline, :ttl)""")
                .param("id", id)
                .param("organization", organization)
                .param("name", command.name().strip())
                .param("payload", json.writeValueAsString(command.payload()))
                .param("time", timestamp(command.time().orElse(null)))
                .param("selector", json.writeValueAsString(selector))
                .param("whenOffline", command.whenOffline().wire())
                .param("ttl", ttlSeconds)
                .update();
    }

    void batchProgress(UUID id, String status, int deviceCount, String error) {
        jdbc.sql("""
                update command_batches set status = :status, device_count = :count, error = :error,
                       finished_at = case when :status in ('DONE', 'FAILED') then now() end
                where id = :id""")
                .param("id", id)
                .param("status", status)
                .param("count", deviceCount)
                .param("error", error)
                .update();
    }

    Optional<CommandBatch> findBatch(UUID id, long organization) {
        Map<CommandStatus, Long> counts = new EnumMap<>(CommandStatus.class);
        jdbc.sql("select status, count(*) as n from commands where batch_id = :id group by status")
                .param("id", id)
                .query((ResultSet rs) -> {
                    counts.put(CommandStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return jdbc.sql("""
                select id, name, payload, time, when_offline, ttl_seconds, status, device_count, created_at, finished_at, error
                from command_batches where id = :id and organization_id = :organization""")
                .param("id", id)
                .param("organization", organization)
                .query((rs, row) -> new CommandBatch(rs.getObject("id", UUID.class), rs.getString("name"),
                        json.readTree(rs.getString("payload")), instant(rs.getTimestamp("time")),
                        WhenOffline.parse(rs.getString("when_offline")), rs.getLong("ttl_seconds"), rs.getString("status"),
                        rs.getInt("device_count"), Map.copyOf(counts), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("finished_at")), rs.getString("error")))
                .optional();
    }

    void insertButton(DeviceId device, CommandButton button) {
        jdbc.sql("""
                insert into command_buttons (device_id, id, label, payload, confirm)
                values (:device, :id, :label, cast(:payload as jsonb), :confirm)""")
                .param("device", device.value())
                .param("id", button.id())
                .param("label", button.label())
                .param("payload", json.writeValueAsString(button.payload()))
                .param("confirm", button.confirm())
                .update();
    }

    Optional<CommandButton> findButton(DeviceId device, String id) {
        return jdbc.sql("select id, label, payload, confirm, created_at from command_buttons where device_id = :device and id = :id")
                .param("device", device.value())
                .param("id", id)
                .query(this::mapButton).optional();
    }

    List<CommandButton> buttons(DeviceId device) {
        return jdbc.sql("select id, label, payload, confirm, created_at from command_buttons where device_id = :device order by created_at, id")
                .param("device", device.value())
                .query(this::mapButton).list();
    }

    void deleteButton(DeviceId device, String id) {
        jdbc.sql("delete from command_buttons where device_id = :device and id = :id")
                .param("device", device.value())
                .param("id", id)
                .update();
    }

    private Command map(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result");
        return new Command(rs.getObject("id", UUID.class), rs.getLong("device_id"), rs.getString("name"),
                json.readTree(rs.getString("payload")), CommandStatus.valueOf(rs.getString("status")),
                WhenOffline.parse(rs.getString("when_offline")), instant(rs.getTimestamp("time")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("delivered_at")), instant(rs.getTimestamp("acknowledged_at")),
                instant(rs.getTimestamp("expires_at")), result == null ? null : json.readTree(result), rs.getString("error"),
                rs.getObject("batch_id", UUID.class));
    }

    private CommandButton mapButton(ResultSet rs, int row) throws SQLException {
        return new CommandButton(rs.getString("id"), rs.getString("label"), json.readTree(rs.getString("payload")),
                rs.getBoolean("confirm"), rs.getTimestamp("created_at").toInstant());
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
