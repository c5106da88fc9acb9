package dev.moor.firmware;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.moor.device.DeviceId;
import dev.moor.shared.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Firmware images and app versions with their binaries, and each device's current and target deployables. */
@Repository
class FirmwareStore {

    private static final String COLUMNS = """
            f.id, f.organization_id, f.app_id, f.name, f.version, f.notes, f.md5, f.sha256, f.size, f.created_at,
            f.updated_at""";

    private final JdbcClient jdbc;

    FirmwareStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored binary without its bytes. {@code appId} is null for firmware, set for an app version. */
    record Row(long id, long organizationId, Long appId, String name, String version, String notes, String md5,
            String sha256, long size, Instant createdAt, Instant updatedAt) {

        FirmwareId firmwareId() {
            return new FirmwareId(id);
        }
    }

    /** What a device runs and should run; every field but the device may be null. */
    record DeviceState(long deviceId, Long targetFirmwareId, String currentMd5, String currentVersion, Instant lastOtaAt,
            Long targetAppVersionId, Long currentAppVersionId) {

        static DeviceState none(DeviceId device) {
            return new DeviceState(device.value(), null, null, null, null, null, null);
        }
    }

    long insert(OrganizationId organization, Long appId, String name, String version, String notes, FirmwareFile file) {
        return jdbc.sql("""
                insert into firmwares (organization_id, app_id, name, version, notes, md5, sha256, size, content)
                values (:organization, :app, :name, :version, :notes, :md5, :sha256, :size, :content)
                returning id""")
                .param("organization", organization.value())
                .param("app", appId)
                .param("name", name)
                .param("version", version)
                .param("notes", notes)
                .param("md5", file.md5())
                .param("sha256", file.sha256())
                .param("size", file.content().length)
                .param("content", file.content())
                .query(Long.class).single();
    }

    Optional<Row> find(FirmwareId id) {
        return jdbc.sql("select %s from firmwares f where f.id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(FirmwareStore::map).optional();
    }

    Optional<Row> findByMd5(OrganizationId organization, String md5) {
        return jdbc.sql("select %s from firmwares f where f.organization_id = :organization and f.md5 = :md5".formatted(COLUMNS))
                .param("organization", organization.value())
                .param("md5", md5)
                .query(FirmwareStore::map).optional();
    }

    /** The organization's firmware images (not app versions), newest first. */
    List<Row> firmwareOf(OrganizationId organization) {
        return jdbc.sql("""
                select %s from firmwares f where f.organization_id = :organization and f.app_id is null
                order by f.created_at desc, f.id desc""".formatted(COLUMNS))
                .param("organization", organization.value())
                .query(FirmwareStore::map).list();
    }

    /** An app's versions, newest first. */
    List<Row> versionsOf(long appId) {
        return jdbc.sql("select %s from firmwares f where f.app_id = :app order by f.created_at desc, f.id desc".formatted(COLUMNS))
                .param("app", appId)
                .query(FirmwareStore::map).list();
    }

    void update(FirmwareId id, String name, String version, String notes) {
        jdbc.sql("update firmwares set name = :name, version = :version, notes = :notes, updated_at = now() where id = :id")
                .param("id", id.value())
                .param("name", name)
                .param("version", version)
                .param("notes", notes)
                .update();
    }

    void delete(FirmwareId id) {
        jdbc.sql("delete from firmwares where id = :id").param("id", id.value()).update();
    }

    /** How many devices have this firmware or app version as their target. */
    long devicesTargeting(FirmwareId id) {
        return jdbc.sql("""
                select count(*) from device_firmware where target_firmware_id = :id or target_app_version_id = :id""")
                .param("id", id.value())
                .query(Long.class).single();
    }

    /** How many devices have a version of this app as their target. */
    long devicesTargetingApp(long appId) {
        return jdbc.sql("""
                select count(*) from device_firmware s join firmwares f on f.id = s.target_app_version_id
                where f.app_id = :app""")
                .param("app", appId)
                .query(Long.class).single();
    }

    /**
     * True when the stored bytes still have the md5 and sha256 recorded at upload. PostgreSQL computes both,
     * so a check never moves the binary to Moor.
     */
    boolean checksumsMatch(FirmwareId id) {
        return jdbc.sql("""
                select md5(content) = md5 and encode(sha256(content), 'hex') = sha256 from firmwares where id = :id""")
                .param("id", id.value())
                .query(Boolean.class).optional().orElse(false);
    }

    /** {@code length} bytes from zero-based {@code offset}; out-of-line storage lets PostgreSQL read only those. */
    byte[] read(FirmwareId id, int offset, int length) {
        return jdbc.sql("select substring(content from :from for :length) from firmwares where id = :id")
                .param("id", id.value())
                .param("from", offset + 1)
                .param("length", length)
                .query(byte[].class).single();
    }

    DeviceState state(DeviceId device) {
        return jdbc.sql("""
                select device_id, target_firmware_id, current_md5, current_version, last_ota_at, target_app_version_id,
                       current_app_version_id
                from device_firmware where device_id = :device""")
                .param("device", device.value())
                .query(FirmwareStore::mapState).optional()
                .orElse(DeviceState.none(device));
    }

    void setTargetFirmware(DeviceId device, Long firmwareId) {
        jdbc.sql("""
                insert into device_firmware (device_id, target_firmware_id) values (:device, :firmware)
                on conflict (device_id) do update set target_firmware_id = excluded.target_firmware_id, updated_at = now()""")
                .param("device", device.value())
                .param("firmware", firmwareId)
                .update();
    }

    void setTargetAppVersion(DeviceId device, Long versionId) {
        jdbc.sql("""
                insert into device_firmware (device_id, target_app_version_id) values (:device, :version)
                on conflict (device_id) do update set target_app_version_id = excluded.target_app_version_id,
                                                     updated_at = now()""")
                .param("device", device.value())
                .param("version", versionId)
                .update();
    }

    /** Records the firmware the device runs; {@code lastOtaAt} is set only when given. */
    void setCurrentFirmware(DeviceId device, String md5, String version, Instant lastOtaAt) {
        jdbc.sql("""
                insert into device_firmware (device_id, current_md5, current_version, last_ota_at)
                values (:device, :md5, :version, :lastOtaAt)
                on conflict (device_id) do update set current_md5 = excluded.current_md5,
                       current_version = coalesce(excluded.current_version, device_firmware.current_version),
                       last_ota_at = coalesce(excluded.last_ota_at, device_firmware.last_ota_at), updated_at = now()""")
                .param("device", device.value())
                .param("md5", md5)
                .param("version", version)
                .param("lastOtaAt", lastOtaAt == null ? null : Timestamp.from(lastOtaAt))
                .update();
    }

    void setCurrentAppVersion(DeviceId device, long versionId, Instant lastOtaAt) {
        jdbc.sql("""
                insert into device_firmware (device_id, current_app_version_id, last_ota_at) values (:device, :version, :at)
                on conflict (device_id) do update set current_app_version_id = excluded.current_app_version_id,
                       last_ota_at = excluded.last_ota_at, updated_at = now()""")
                .param("device", device.value())
                .param("version", versionId)
                .param("at", Timestamp.from(lastOtaAt))
                .update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        long app = rs.getLong("app_id");
        Long appId = rs.wasNull() ? null : app;
        return new Row(rs.getLong("id"), rs.getLong("organization_id"), appId, rs.getString("name"),
                rs.getString("version"), rs.getString("notes"), rs.getString("md5"), rs.getString("sha256"),
                rs.getLong("size"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static DeviceState mapState(ResultSet rs, int row) throws SQLException {
        Timestamp lastOta = rs.getTimestamp("last_ota_at");
        return new DeviceState(rs.getLong("device_id"), rs.getObject("target_firmware_id", Long.class),
                rs.getString("current_md5"), rs.getString("current_version"),
                lastOta == null ? null : lastOta.toInstant(), rs.getObject("target_app_version_id", Long.class),
                rs.getObject("current_app_version_id", Long.class));
    }
}
