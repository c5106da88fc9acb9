package dev.moor.organization;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import dev.moor.shared.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApplicationStore {

    private static final String COLUMNS = "id, organization_id, name, is_default as default_application, created_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApplicationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Application insertDefault(OrganizationId organization, String name) {
        return jdbc.sql("""
                insert into applications (id, organization_id, name, is_default) values (:id, :organization, :name, true)
                returning %s""".formatted(COLUMNS))
                .param("id", newId())
                .param("organization", organization.value())
                .param("name", name)
                .query(Application.class).single();
    }

    Optional<Application> find(ApplicationId id) {
        return jdbc.sql("select %s from applications where id = :id".formatted(COLUMNS))
                .param("id", id.value())
                .query(Application.class).optional();
    }

    Optional<Application> findDefault(OrganizationId organization) {
        return jdbc.sql("select %s from applications where organization_id = :organization and is_default".formatted(COLUMNS))
                .param("organization", organization.value())
                .query(Application.class).optional();
    }

    /** 12 random bytes in hex: unguessable, and the shape Losant clients validate ({@code ^[A-Fa-f\d]{24}$}). */
    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
