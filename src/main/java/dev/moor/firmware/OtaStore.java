package dev.moor.firmware;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.moor.device.DeviceId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** OTA attempts. Status changes are guarded, so a finished attempt never reopens. */
@Repository
class OtaStore {

    private static final String COLUMNS = """
            id, device_id, kind, firmware_id, md5, version, size, command_id, status, progress, error, started_at,
            updated_at, finished_at""";
    private static final String OPEN = "status in ('PENDING', 'DOWNLOADING', 'INSTALLING')";

    private final JdbcClient jdbc;

    OtaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(DeviceId device, String kind, FirmwareStore.Row file) {
        return jdbc.sql("""
                insert into ota_attempts (device_id, kind, firmware_id, md5, version, size)
                values (:device, :kind, :firmware, :md5, :version, :size) returning id""")
                .param("device", device.value())
                .param("kind", kind)
                .param("firmware", file.id())
                .param("md5", file.md5())
                .param("version", file.version())
                .param("size", file.size())
                .query(Long.class).single();
    }

    void setCommand(long id, UUID command) {
        jdbc.sql("update ota_attempts set command_id = :command where id = :id")
                .param("id", id)
                .param("command", command)
                .update();
    }

    void delete(long id) {
        jdbc.sql("delete from ota_attempts where id = :id").param("id", id).update();
    }

    Optional<OtaAttempt> find(long id) {
        return jdbc.sql("select %s from ota_attempts where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(OtaStore::map).optional();
    }

    /** The device's open attempt, newest first if there were several. */
    Optional<OtaAttempt> findOpen(DeviceId device) {
        return jdbc.sql("select %s from ota_attempts where device_id = :device and %s order by started_at desc, id desc limit 1"
                        .formatted(COLUMNS, OPEN))
                .param("device", device.value())
                .query(OtaStore::map).optional();
    }

    List<OtaAttempt> ofDevice(DeviceId device, PageRequest page) {
        return jdbc.sql("""
                select %s from ota_attempts where device_id = :device order by started_at desc, id desc
                limit :limit offset :offset""".formatted(COLUMNS))
                .param("device", device.value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(OtaStore::map).list();
    }

    long count(DeviceId device) {
        return jdbc.sql("select count(*) from ota_attempts where device_id = :device")
                .param("device", device.value())
                .query(Long.class).single();
    }

    /** Moves an open attempt on; {@code progress} null keeps the last one. Returns false when it was not open. */
    boolean progress(long id, OtaAttempt.OtaStatus status, Integer progress) {
        return jdbc.sql("""
                update ota_attempts set status = :status, progress = coalesce(:progress, progress), updated_at = now()
                where id = :id and %s""".formatted(OPEN))
                .param("id", id)
                .param("status", status.name())
                .param("progress", progress)
                .update() == 1;
    }

    /** Ends an open attempt. Returns false when it had already ended. */
    boolean finish(long id, OtaAttempt.OtaStatus status, String error) {
        return jdbc.sql("""
                update ota_attempts set status = :status, error = :error, updated_at = now(), finished_at = now(),
                       progress = case when :status = 'SUCCEEDED' then 100 else progress end
                where id = :id and %s""".formatted(OPEN))
                .param("id", id)
                .param("status", status.name())
                .param("error", error)
                .update() == 1;
    }

    /** Ends the device's other open attempts: a newer one replaces them. */
    void supersedeOthers(DeviceId device, long newest) {
        jdbc.sql("""
                update ota_attempts set status = 'FAILED', error = 'Replaced by a newer OTA attempt.', updated_at = now(),
                       finished_at = now()
                where device_id = :device and id <> :newest and %s""".formatted(OPEN))
                .param("device", device.value())
                .param("newest", newest)
                .update();
    }

    /** Restarts the stall clock of an attempt still waiting for its command to reach the device. */
    void touch(long id) {
        jdbc.sql("update ota_attempts set updated_at = now() where id = :id and status = 'PENDING'")
                .param("id", id)
                .update();
    }

    List<OtaAttempt> open() {
        return jdbc.sql("select %s from ota_attempts where %s order by id limit 1000".formatted(COLUMNS, OPEN))
                .query(OtaStore::map).list();
    }

    private static OtaAttempt map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new OtaAttempt(rs.getLong("id"), rs.getLong("device_id"), rs.getString("kind"),
                rs.getObject("firmware_id", Long.class), rs.getString("md5"), rs.getString("version"), rs.getLong("size"),
                rs.getObject("command_id", UUID.class), OtaAttempt.OtaStatus.valueOf(rs.getString("status")),
                rs.getObject("progress", Integer.class), rs.getString("error"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), finished == null ? null : finished.toInstant());
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
