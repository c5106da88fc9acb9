package dev.moor.auth;

import java.util.Optional;

import dev.moor.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebApiKeyStore {

    private final JdbcClient jdbc;

    WebApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored key: its id and the hash of its secret. */
    record StoredKey(long id, byte[] hash) {
    }

    /** Stores the user's key, replacing the one it had: the old key stops working at once. */
    void replace(UserId user, byte[] hash) {
        jdbc.sql("""
                insert into web_api_keys (user_id, key_hash) values (:user, :hash)
                on conflict (user_id) do update set key_hash = excluded.key_hash, created_at = now()""")
                .param("user", user.value())
                .param("hash", hash)
                .update();
    }

    Optional<StoredKey> find(UserId user) {
        return jdbc.sql("select id, key_hash from web_api_keys where user_id = :user")
                .param("user", user.value())
                .query((rs, row) -> new StoredKey(rs.getLong("id"), rs.getBytes("key_hash"))).optional();
    }

    boolean delete(UserId user) {
        return jdbc.sql("delete from web_api_keys where user_id = :user").param("user", user.value()).update() > 0;
    }
}
