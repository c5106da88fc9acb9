package dev.moor.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ExportStore {

    private static final String COLUMNS = """
            id, organization_id, kind, status, email, email_status, callback_url, callback_status, callback_attempts,
            callback_last_error, item_count, download_url, download_key, error, created_at, completed_at""";

    private final JdbcClient jdbc;

    ExportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored job with the columns the worker needs beyond what the API shows. */
    record Row(ExportJob job, String downloadKey) {
    }

    /** The finished file of a job. */
    record File(String content, String contentType, String kind, long id) {
    }

    ExportJob insert(OrganizationId organization, String kind, String email, String callbackUrl, String downloadKey,
            String downloadUrl) {
        return jdbc.sql("""
                insert into export_jobs (organization_id, kind, email, callback_url, download_key, download_url)
                values (:organization, :kind, :email, :callbackUrl, :key, :url)
                returning %s""".formatted(COLUMNS))
                .param("organization", organization.value())
                .param("kind", kind)
                .param("email", email)
                .param("callbackUrl", callbackUrl)
                .param("key", downloadKey)
                .param("url", downloadUrl)
                .query(ExportStore::map).single().job();
    }

    void setDownloadUrl(long id, String url) {
        jdbc.sql("update export_jobs set download_url = :url where id = :id").param("id", id).param("url", url).update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select %s from export_jobs where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(ExportStore::map).optional();
    }

    List<ExportJob> page(Collection<Long> organizations, PageRequest page) {
        return jdbc.sql("""
                select %s from export_jobs where organization_id in (:organizations)
                order by id desc limit :limit offset :offset""".formatted(COLUMNS))
                .param("organizations", organizations)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(ExportStore::map).list().stream().map(Row::job).toList();
    }

    long count(Collection<Long> organizations) {
        return jdbc.sql("select count(*) from export_jobs where organization_id in (:organizations)")
                .param("organizations", organizations)
                .query(Long.class).single();
    }

    /**
     * Claims the oldest job waiting to be built (or one whose builder vanished, e.g. with a crashed node),
     * marking it running. Several nodes never claim the same job.
     */
    Optional<ExportJob> claimBuild(Duration staleAfter) {
        return jdbc.sql("""
                update export_jobs set status = 'running', attempts = attempts + 1, started_at = now()
                where id = (select id from export_jobs
                            where status = 'pending'
                               or (status = 'running' and started_at < now() - make_interval(secs => :stale))
                            order by id limit 1 for update skip locked)
                returning %s""".formatted(COLUMNS))
                .param("stale", (double) staleAfter.toSeconds())
                .query(ExportStore::map).optional().map(Row::job);
    }

    /** Stores the finished file and queues its callback and email. */
    void complete(long id, String content, String contentType, int itemCount, boolean mailConfigured) {
        jdbc.sql("""
                update export_jobs set status = 'done', content = :content, content_type = :contentType,
                       item_count = :count, completed_at = now(), error = null,
                       callback_status = case when callback_url is null then 'none' else 'pending' end,
                       callback_next_at = case when callback_url is null then null else now() end,
                       email_status = case when email is null then 'none'
                                           when :mail then 'pending' else 'not_configured' end
                where id = :id""")
                .param("id", id)
                .param("content", content)
                .param("contentType", contentType)
                .param("count", itemCount)
                .param("mail", mailConfigured)
                .update();
    }

    /** Records a failed build: retried while attempts remain, else failed (its callback still reports it). */
    void buildFailed(long id, String error, int maxAttempts) {
        jdbc.sql("""
                update export_jobs set error = :error,
                       status = case when attempts >= :max then 'failed' else 'pending' end,
                       completed_at = case when attempts >= :max then now() end,
                       callback_status = case when attempts >= :max and callback_url is not null then 'pending' else callback_status end,
                       callback_next_at = case when attempts >= :max and callback_url is not null then now() else callback_next_at end
                where id = :id""")
                .param("id", id)
                .param("error", error)
                .param("max", maxAttempts)
                .update();
    }

    /**
     * Claims one callback that is due, pushing its next attempt out by {@code lease} so that no other
     * node posts it meanwhile.
     */
    Optional<Row> claimCallback(Duration lease) {
        return jdbc.sql("""
                update export_jobs set callback_next_at = now() + make_interval(secs => :lease)
                where id = (select id from export_jobs
                            where callback_status = 'pending' and callback_next_at <= now()
                            order by callback_next_at limit 1 for update skip locked)
                returning %s""".formatted(COLUMNS))
                .param("lease", (double) lease.toSeconds())
                .query(ExportStore::map).optional();
    }

    void callbackDelivered(long id) {
        jdbc.sql("""
                update export_jobs set callback_status = 'delivered', callback_attempts = callback_attempts + 1,
                       callback_next_at = null, callback_last_error = null
                where id = :id""")
                .param("id", id)
                .update();
    }

    /** Records a failed attempt: tried again at {@code nextAttempt}, or failed for good when none is left. */
    void callbackFailed(long id, String error, Optional<Instant> nextAttempt) {
        jdbc.sql("""
                update export_jobs set callback_attempts = callback_attempts + 1, callback_last_error = :error,
                       callback_status = case when :retry then 'pending' else 'failed' end,
                       callback_next_at = :next
                where id = :id""")
                .param("id", id)
                .param("error", error)
                .param("retry", nextAttempt.isPresent())
                .param("next", nextAttempt.map(Timestamp::from).orElse(null))
                .update();
    }

    /** Claims one email that is due, marking it sent before sending (at most once; a failure is recorded). */
    Optional<Row> claimEmail() {
        return jdbc.sql("""
                update export_jobs set email_status = 'sent'
                where id = (select id from export_jobs where email_status = 'pending'
                            order by id limit 1 for update skip locked)
                returning %s""".formatted(COLUMNS))
                .query(ExportStore::map).optional();
    }

    void emailFailed(long id, String error) {
        jdbc.sql("update export_jobs set email_status = 'failed', error = :error where id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    Optional<File> file(long id, String downloadKey) {
        return jdbc.sql("""
                select content, content_type, kind, id from export_jobs
                where id = :id and download_key = :key and status = 'done'""")
                .param("id", id)
                .param("key", downloadKey)
                .query((rs, row) -> new File(rs.getString("content"), rs.getString("content_type"), rs.getString("kind"),
                        rs.getLong("id")))
                .optional();
    }

    int deleteOlderThan(Duration retention) {
        return jdbc.sql("delete from export_jobs where created_at < now() - make_interval(secs => :seconds)")
                .param("seconds", (double) retention.toSeconds())
                .update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        int count = rs.getInt("item_count");
        Integer itemCount = rs.wasNull() ? null : count;
        String status = rs.getString("status");
        ExportJob job = new ExportJob(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("kind"), status,
                rs.getString("email"), rs.getString("email_status"), rs.getString("callback_url"),
                rs.getString("callback_status"), rs.getInt("callback_attempts"), rs.getString("callback_last_error"),
                itemCount, "done".equals(status) ? rs.getString("download_url") : null, rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("completed_at")));
        return new Row(job, rs.getString("download_key"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
