package dev.moor.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserStore {

    private static final String COLUMNS = "id, email, name, organization_id, activated, permissions, created_at, updated_at";

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    User insert(String email, String name, OrganizationId organization, boolean activated, Set<Permission> permissions) {
        return jdbc.sql("""
                insert into users (email, name, organization_id, activated, permissions)
                values (:email, :name, :organization, :activated, :permissions)
                returning %s""".formatted(COLUMNS))
                .param("email", email)
                .param("name", name)
                .param("organization", organization.value())
                .param("activated", activated)
                .param("permissions", Permissions.toArray(permissions))
                .query(UserStore::map).single();
    }

    Optional<User> find(UserId id) {
        return jdbc.sql("select %s from users where id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(UserStore::map).optional();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("select %s from users where lower(email) = lower(:email)".formatted(COLUMNS))
                .param("email", email)
                .query(UserStore::map).optional();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from users where lower(email) = lower(:email))")
                .param("email", email)
                .query(Boolean.class).single();
    }

    List<User> page(Collection<Long> organizations, PageRequest page) {
        return jdbc.sql("""
                select %s from users where organization_id in (:organizations)
                order by id limit :limit offset :offset""".formatted(COLUMNS))
                .param("organizations", organizations)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(UserStore::map).list();
    }

    long count(Collection<Long> organizations) {
        return jdbc.sql("select count(*) from users where organization_id in (:organizations)")
                .param("organizations", organizations)
                .query(Long.class).single();
    }

    User update(UserId id, String name, boolean activated, Set<Permission> permissions) {
        return jdbc.sql("""
                update users set name = :name, activated = :activated, permissions = :permissions, updated_at = now()
                where id = :id returning %s""".formatted(COLUMNS))
                .param("id", id.value())
                .param("name", name)
                .param("activated", activated)
                .param("permissions", Permissions.toArray(permissions))
                .query(UserStore::map).single();
    }

    void delete(UserId id) {
        jdbc.sql("delete from users where id = :id").param("id", id.value()).update();
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getLong("organization_id"),
                rs.getBoolean("activated"), Permissions.fromArray(rs.getArray("permissions")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
