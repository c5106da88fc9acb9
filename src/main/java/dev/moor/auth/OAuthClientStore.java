package dev.moor.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OAuthClientStore {

    private static final String COLUMNS = "id, client_id, name, organization_id, user_id, permissions, created_at";

    private final JdbcClient jdbc;

    OAuthClientStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OAuthClient insert(String clientId, byte[] secretHash, String name, OrganizationId organization, Long userId,
            Set<Permission> permissions) {
        return jdbc.sql("""
                insert into oauth_clients (client_id, secret_hash, name, organization_id, user_id, permissions)
                values (:clientId, :secretHash, :name, :organization, :user, :permissions)
                returning %s""".formatted(COLUMNS))
                .param("clientId", clientId)
                .param("secretHash", secretHash)
                .param("name", name)
                .param("organization", organization.value())
                .param("user", userId)
                .param("permissions", Permissions.toArray(permissions))
                .query(OAuthClientStore::map).single();
    }

    Optional<OAuthClient> find(long id) {
        return jdbc.sql("select %s from oauth_clients where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(OAuthClientStore::map).optional();
    }

    Optional<OAuthClient> findByClientId(String clientId) {
        return jdbc.sql("select %s from oauth_clients where client_id = :clientId".formatted(COLUMNS))
                .param("clientId", clientId)
                .query(OAuthClientStore::map).optional();
    }

    Optional<byte[]> secretHash(long id) {
        return jdbc.sql("select secret_hash from oauth_clients where id = :id")
                .param("id", id)
                .query(byte[].class).optional();
    }

    List<OAuthClient> page(Collection<Long> organizations, PageRequest page) {
        return jdbc.sql("""
                select %s from oauth_clients where organization_id in (:organizations)
                order by id limit :limit offset :offset""".formatted(COLUMNS))
                .param("organizations", organizations)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(OAuthClientStore::map).list();
    }

    long count(Collection<Long> organizations) {
        return jdbc.sql("select count(*) from oauth_clients where organization_id in (:organizations)")
                .param("organizations", organizations)
                .query(Long.class).single();
    }

    void delete(long id) {
        jdbc.sql("delete from oauth_clients where id = :id").param("id", id).update();
    }

    void insertRefreshToken(byte[] hash, long clientId, Instant expiresAt) {
        jdbc.sql("""
                insert into oauth_refresh_tokens (token_hash, client_id, expires_at)
                values (:hash, :client, :expiresAt)""")
                .param("hash", hash)
                .param("client", clientId)
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    /**
     * Marks a refresh token of the client used, in one statement so that two concurrent uses cannot both
     * succeed. Returns false when it is unknown, another client's, used already or expired.
     */
    boolean useRefreshToken(byte[] hash, long clientId, Instant now) {
        return jdbc.sql("""
                update oauth_refresh_tokens set used_at = :now
                where token_hash = :hash and client_id = :client and used_at is null and expires_at > :now""")
                .param("hash", hash)
                .param("client", clientId)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    private static OAuthClient map(ResultSet rs, int row) throws SQLException {
        long userId = rs.getLong("user_id");
        Long user = rs.wasNull() ? null : userId;
        return new OAuthClient(rs.getLong("id"), rs.getString("client_id"), rs.getString("name"),
                rs.getLong("organization_id"), user, Permissions.fromArray(rs.getArray("permissions")),
                rs.getTimestamp("created_at").toInstant());
    }
}
