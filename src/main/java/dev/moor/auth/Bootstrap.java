package dev.moor.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.moor.organization.Organization;
import dev.moor.organization.OrganizationService;
import dev.moor.shared.MoorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: creates the root organization, an administrator with every permission, and its API
 * token, which is logged once and written to {@code <data-dir>/bootstrap-token} (mode 0600). Later starts
 * create nothing; several nodes starting at once agree through a PostgreSQL advisory lock.
 */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final long ADVISORY_LOCK = 0x6d6f6f72L; // "moor"

    private final OrganizationService organizations;
    private final UserService users;
    private final TokenService tokens;
    private final UserStore userStore;
    private final MoorProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    Bootstrap(OrganizationService organizations, UserService users, TokenService tokens, UserStore userStore,
            MoorProperties properties, JdbcClient jdbc, TransactionTemplate transaction) {
        this.organizations = organizations;
        this.users = users;
        this.tokens = tokens;
        this.userStore = userStore;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String configured = properties.bootstrapToken();
        String created = transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", ADVISORY_LOCK).query((rs, row) -> 1).list();
            if (organizations.findRoot().isPresent()) {
                if (configured != null && !configured.isBlank()) {
                    // MOOR_BOOTSTRAP_TOKEN stays valid for the existing administrator; no second admin is made.
                    userStore.findByEmail(properties.bootstrapAdminEmail())
                            .ifPresent(admin -> tokens.ensureAdministratorToken(admin, configured.strip()));
                }
                return null;
            }
            Organization root = organizations.createRoot("Root");
            User admin = users.createAdministrator(root.organizationId(), properties.bootstrapAdminEmail());
            String secret = configured == null || configured.isBlank() ? TokenService.newSecret() : configured.strip();
            tokens.ensureAdministratorToken(admin, secret);
            return secret;
        });
        if (created != null) {
            Path file = properties.dataDir().resolve("bootstrap-token");
            Files.createDirectories(file.toAbsolutePath().getParent());
            DeviceCredentials.writePrivately(file, created + "\n");
            log.info("First start: created the root organization and administrator {}.", properties.bootstrapAdminEmail());
            log.info("Administrator API token (shown once, also in {}): {}", file.toAbsolutePath(), created);
        }
    }
}
