package dev.moor.organization;

import java.util.List;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationStore {

    private static final String COLUMNS = """
            id, name, parent_id,
            (select a.id from applications a where a.organization_id = organizations.id and a.is_default) as application_id,
            created_at, updated_at""";

    private final JdbcClient jdbc;

    OrganizationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OrganizationId insert(String name, Long parentId) {
        return new OrganizationId(jdbc.sql("insert into organizations (name, parent_id) values (:name, :parentId) returning id")
                .param("name", name)
                .param("parentId", parentId)
                .query(Long.class).single());
    }

    Optional<Organization> find(OrganizationId id) {
        return jdbc.sql("select %s from organizations where id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(Organization.class).optional();
    }

    Optional<Organization> findRoot() {
        return jdbc.sql("select %s from organizations where parent_id is null".formatted(COLUMNS))
                .query(Organization.class).optional();
    }

    Organization rename(OrganizationId id, String name) {
        return jdbc.sql("""
                update organizations set name = :name, updated_at = now() where id = :id
                returning %s""".formatted(COLUMNS))
                .param("id", id.value())
                .param("name", name)
                .query(Organization.class).single();
    }

    void delete(OrganizationId id) {
        jdbc.sql("delete from organizations where id = :id").param("id", id.value()).update();
    }

    /** True when {@code organization} is {@code ancestor} or lies anywhere below it. */
    boolean isWithin(OrganizationId organization, OrganizationId ancestor) {
        return jdbc.sql("""
                with recursive chain(id, parent_id) as (
                    select id, parent_id from organizations where id = :organization
                    union all
                    select o.id, o.parent_id from organizations o join chain c on o.id = c.parent_id
                )
                select exists (select 1 from chain where id = :ancestor)""")
                .param("organization", organization.value())
                .param("ancestor", ancestor.value())
                .query(Boolean.class).single();
    }

    List<Long> subtree(OrganizationId root) {
        return jdbc.sql("""
                with recursive tree(id) as (
                    select id from organizations where id = :root
                    union all
                    select o.id from organizations o join tree t on o.parent_id = t.id
                )
                select id from tree order by id""")
                .param("root", root.value())
                .query(Long.class).list();
    }

    List<Organization> pageWithin(OrganizationId root, PageRequest page) {
        return jdbc.sql("""
                with recursive tree(id) as (
                    select id from organizations where id = :root
                    union all
                    select o.id from organizations o join tree t on o.parent_id = t.id
                )
                select %s from organizations where id in (select id from tree)
                order by id limit :limit offset :offset""".formatted(COLUMNS))
                .param("root", root.value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Organization.class).list();
    }

    long countWithin(OrganizationId root) {
        return subtree(root).size();
    }
}
