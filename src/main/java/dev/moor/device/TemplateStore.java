package dev.moor.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import dev.moor.shared.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class TemplateStore {

    private static final String COLUMNS = "id, number, name, description, organization_id, datastreams, events, created_at, updated_at";
    private static final String METAFIELD_COLUMNS = "id, template_id, name, type, mandatory, include_in_provision, options, default_value";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TemplateStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Template insert(String id, String name, String description, OrganizationId organization,
            List<Template.Datastream> datastreams, List<Template.EventDefinition> events) {
        return jdbc.sql("""
                insert into templates (id, name, description, organization_id, datastreams, events)
                values (:id, :name, :description, :organization, cast(:datastreams as jsonb), cast(:events as jsonb))
                returning %s""".formatted(COLUMNS))
                .param("id", id)
                .param("name", name)
                .param("description", description)
                .param("organization", organization.value())
                .param("datastreams", json.writeValueAsString(datastreams))
                .param("events", json.writeValueAsString(events))
                .query(this::map).single();
    }

    /** Creates the organization's default template unless it has one already (then does nothing). */
    void insertDefaultIfAbsent(String id, OrganizationId organization) {
        jdbc.sql("""
                insert into templates (id, name, description, organization_id, organization_default)
                values (:id, 'Default', 'Given to devices created without a template.', :organization, true)
                on conflict (organization_id) where organization_default do nothing""")
                .param("id", id)
                .param("organization", organization.value())
                .update();
    }

    Optional<Template> findDefault(OrganizationId organization) {
        return jdbc.sql("select %s from templates where organization_id = :organization and organization_default".formatted(COLUMNS))
                .param("organization", organization.value())
                .query(this::map).optional();
    }

    Optional<Template> find(String id) {
        return jdbc.sql("select %s from templates where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(this::map).optional();
    }

    Optional<Template> findByNumber(long number) {
        return jdbc.sql("select %s from templates where number = :number".formatted(COLUMNS))
                .param("number", number)
                .query(this::map).optional();
    }

    List<Template> page(Collection<Long> organizations, PageRequest page) {
        return jdbc.sql("""
                select %s from templates where organization_id in (:organizations)
                order by number limit :limit offset :offset""".formatted(COLUMNS))
                .param("organizations", organizations)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::map).list();
    }

    long count(Collection<Long> organizations) {
        return jdbc.sql("select count(*) from templates where organization_id in (:organizations)")
                .param("organizations", organizations)
                .query(Long.class).single();
    }

    Template update(String id, String name, String description, List<Template.Datastream> datastreams,
            List<Template.EventDefinition> events) {
        return jdbc.sql("""
                update templates set name = :name, description = :description, datastreams = cast(:datastreams as jsonb),
                       events = cast(:events as jsonb), updated_at = now()
                where id = :id returning %s""".formatted(COLUMNS))
                .param("id", id)
                .param("name", name)
                .param("description", description)
                .param("datastreams", json.writeValueAsString(datastreams))
                .param("events", json.writeValueAsString(events))
                .query(this::map).single();
    }

    void delete(String id) {
        jdbc.sql("delete from templates where id = :id").param("id", id).update();
    }

    Metafield insertMetafield(String templateId, String name, MetafieldType type, boolean mandatory,
            boolean includeInProvision, JsonNode options, JsonNode defaultValue) {
        return jdbc.sql("""
                insert into metafields (template_id, name, type, mandatory, include_in_provision, options, default_value)
                values (:template, :name, :type, :mandatory, :provision, cast(:options as jsonb), cast(:defaultValue as jsonb))
                returning %s""".formatted(METAFIELD_COLUMNS))
                .param("template", templateId)
                .param("name", name)
                .param("type", type.name())
                .param("mandatory", mandatory)
                .param("provision", includeInProvision)
                .param("options", json.writeValueAsString(options))
                .param("defaultValue", defaultValue == null ? null : json.writeValueAsString(defaultValue))
                .query(this::mapMetafield).single();
    }

    Metafield updateMetafield(long id, String name, boolean mandatory, boolean includeInProvision, JsonNode options,
            JsonNode defaultValue) {
        return jdbc.sql("""
                update metafields set name = :name, mandatory = :mandatory, include_in_provision = :provision,
                       options = cast(:options as jsonb), default_value = cast(:defaultValue as jsonb)
                where id = :id returning %s""".formatted(METAFIELD_COLUMNS))
                .param("id", id)
                .param("name", name)
                .param("mandatory", mandatory)
                .param("provision", includeInProvision)
                .param("options", json.writeValueAsString(options))
                .param("defaultValue", defaultValue == null ? null : json.writeValueAsString(defaultValue))
                .query(this::mapMetafield).single();
    }

    boolean metafieldNameTaken(String templateId, String name) {
        return jdbc.sql("select exists (select 1 from metafields where template_id = :template and name = :name)")
                .param("template", templateId)
                .param("name", name)
                .query(Boolean.class).single();
    }

    Optional<Metafield> findMetafield(long id) {
        return jdbc.sql("select %s from metafields where id = :id".formatted(METAFIELD_COLUMNS))
                .param("id", id)
                .query(this::mapMetafield).optional();
    }

    List<Metafield> metafields(String templateId) {
        return jdbc.sql("select %s from metafields where template_id = :template order by id".formatted(METAFIELD_COLUMNS))
                .param("template", templateId)
                .query(this::mapMetafield).list();
    }

    void deleteMetafield(long id) {
        jdbc.sql("delete from metafields where id = :id").param("id", id).update();
    }

    private Template map(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getString("id"), rs.getLong("number"), rs.getString("name"), rs.getString("description"),
                rs.getLong("organization_id"),
                json.readValue(rs.getString("datastreams"), new TypeReference<List<Template.Datastream>>() { }),
                json.readValue(rs.getString("events"), new TypeReference<List<Template.EventDefinition>>() { }),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Metafield mapMetafield(ResultSet rs, int row) throws SQLException {
        String defaultValue = rs.getString("default_value");
        return new Metafield(rs.getLong("id"), rs.getString("template_id"), rs.getString("name"),
                MetafieldType.valueOf(rs.getString("type")), rs.getBoolean("mandatory"),
                rs.getBoolean("include_in_provision"), json.readTree(rs.getString("options")),
                defaultValue == null ? null : json.readTree(defaultValue));
    }
}
