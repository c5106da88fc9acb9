package dev.moor.firmware;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppStore {

    private static final String COLUMNS = """
            a.id, a.organization_id, a.name, a.created_at, a.updated_at,
            (select max(f.id) from firmwares f where f.app_id = a.id) as last_app_version_id""";

    private final JdbcClient jdbc;

    AppStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(OrganizationId organization, String name) {
        return jdbc.sql("insert into apps (organization_id, name) values (:organization, :name) returning id")
                .param("organization", organization.value())
                .param("name", name)
                .query(Long.class).single();
    }

    Optional<App> find(long id) {
        return jdbc.sql("select %s from apps a where a.id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(AppStore::map).optional();
    }

    boolean nameTaken(OrganizationId organization, String name) {
        return jdbc.sql("select exists (select 1 from apps where organization_id = :organization and name = :name)")
                .param("organization", organization.value())
                .param("name", name)
                .query(Boolean.class).single();
    }

    List<App> of(OrganizationId organization) {
        return jdbc.sql("select %s from apps a where a.organization_id = :organization order by a.name, a.id".formatted(COLUMNS))
                .param("organization", organization.value())
                .query(AppStore::map).list();
    }

    void delete(long id) {
        jdbc.sql("delete from apps where id = :id").param("id", id).update();
    }

    private static App map(ResultSet rs, int row) throws SQLException {
        return new App(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
                rs.getObject("last_app_version_id", Long.class), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
