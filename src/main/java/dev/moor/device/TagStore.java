package dev.moor.device;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TagStore {

    private final JdbcClient jdbc;

    TagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Tag insert(String name, OrganizationId organization) {
        return jdbc.sql("""
                insert into org_tags (name, organization_id) values (:name, :organization)
                returning id, name, organization_id""")
                .param("name", name)
                .param("organization", organization.value())
                .query(Tag.class).single();
    }

    boolean nameTaken(OrganizationId organization, String name) {
        return jdbc.sql("select exists (select 1 from org_tags where organization_id = :organization and name = :name)")
                .param("organization", organization.value())
                .param("name", name)
                .query(Boolean.class).single();
    }

    Optional<Tag> find(long id) {
        return jdbc.sql("select id, name, organization_id from org_tags where id = :id")
                .param("id", id)
                .query(Tag.class).optional();
    }

    List<Tag> page(Collection<Long> organizations, PageRequest page) {
        return jdbc.sql("""
                select id, name, organization_id from org_tags where organization_id in (:organizations)
                order by id limit :limit offset :offset""")
                .param("organizations", organizations)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Tag.class).list();
    }

    long count(Collection<Long> organizations) {
        return jdbc.sql("select count(*) from org_tags where organization_id in (:organizations)")
                .param("organizations", organizations)
                .query(Long.class).single();
    }

    Tag rename(long id, String name) {
        return jdbc.sql("update org_tags set name = :name where id = :id returning id, name, organization_id")
                .param("id", id)
                .param("name", name)
                .query(Tag.class).single();
    }

    void delete(long id) {
        jdbc.sql("delete from org_tags where id = :id").param("id", id).update();
    }

    List<Tag> ofDevice(long deviceId) {
        return jdbc.sql("""
                select t.id, t.name, t.organization_id from org_tags t join device_org_tags d on d.tag_id = t.id
                where d.device_id = :device order by t.id""")
                .param("device", deviceId)
                .query(Tag.class).list();
    }

    void assign(long deviceId, long tagId) {
        jdbc.sql("insert into device_org_tags (device_id, tag_id) values (:device, :tag) on conflict do nothing")
                .param("device", deviceId)
                .param("tag", tagId)
                .update();
    }

    void unassign(long deviceId, long tagId) {
        jdbc.sql("delete from device_org_tags where device_id = :device and tag_id = :tag")
                .param("device", deviceId)
                .param("tag", tagId)
                .update();
    }
}
