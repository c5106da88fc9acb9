package dev.moor.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TokenStore {

    private static final String COLUMNS = "id, name, organization_id, user_id, permissions, scopes, expires_at, revoked_at, created_at";

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiToken insert(byte[] hash, String name, OrganizationId organization, Long userId, Set<Permission> permissions,
            Set<String> scopes, Instant expiresAt, Long oauthClientId) {
        return jdbc.sql("""
                insert into api_tokens (token_hash, name, organization_id, user_id, permissions, scopes, expires_at, oauth_client_id)
                values (:hash, :name, :organization, :user, :permissions, :scopes, :expiresAt, :oauthClient)
                returning %s""".formatted(COLUMNS))
                .param("oauthClient", oauthClientId)
                .param("hash", hash)
                .param("name", name)
                .param("organization", organization.value())
                .param("user", userId)
                .param("permissions", Permissions.toArray(permissions))
                .param("scopes", scopes.stream().sorted().toArray(String[]::new))
                .param("expiresAt", expiresAt == null ? null : Timestamp.from(expiresAt))
                .query(TokenStore::map).single();
    }

    Optional<ApiToken> findByHash(byte[] hash) {
        return jdbc.sql("select %s from api_tokens where token_hash = :hash".formatted(COLUMNS))
                .param("hash", hash)
                .query(TokenStore::map).optional();
    }

    Optional<ApiToken> find(long id) {
        return jdbc.sql("select %s from api_tokens where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(TokenStore::map).optional();
    }

    List<ApiToken> page(Collection<Long> organizations, PageRequest page) {
        return jdbc.sql("""
                select %s from api_tokens where organization_id in (:organizations)
                order by id limit :limit offset :offset""".formatted(COLUMNS))
                .param("organizations", organizations)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(TokenStore::map).list();
    }

    long count(Collection<Long> organizations) {
        return jdbc.sql("select count(*) from api_tokens where organization_id in (:organizations)")
                .param("organizations", organizations)
                .query(Long.class).single();
    }

    void revoke(long id) {
        jdbc.sql("update api_tokens set revoked_at = now() where id = :id and revoked_at is null").param("id", id).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        long userId = rs.getLong("user_id");
        Long user = rs.wasNull() ? null : userId;
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getLong("organization_id"), user,
                Permissions.fromArray(rs.getArray("permissions")),
                new TreeSet<>(Arrays.asList((String[]) rs.getArray("scopes").getArray())), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
