package dev.moor.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One PostgreSQL for everything: the external one given by {@code MOOR_DATABASE_URL}, or else an embedded
 * PostgreSQL 18 whose files live under {@code <data-dir>/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(MoorProperties properties) throws IOException {
        if (properties.database().isExternal()) {
            return new EmbeddedDatabase(Optional.empty());
        }
        Path pgData = properties.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(pgData.getParent());
        stopOrphanedPostmaster(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // Loopback only: nothing listens on another interface unless configured.
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                // zonky turns this off for test speed; Moor acknowledges device data only once it is durable.
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        log.info("Embedded PostgreSQL is up on port {} with its files in {}", postgres.getPort(), pgData);
        return new EmbeddedDatabase(Optional.of(postgres));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(MoorProperties properties, EmbeddedDatabase embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("moor");
        dataSource.setMaximumPoolSize(20);
        MoorProperties.Database database = properties.database();
        embedded.postgres().ifPresentOrElse(postgres -> {
            dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            dataSource.setUsername("postgres");
        }, () -> {
            dataSource.setJdbcUrl(database.url());
            dataSource.setUsername(database.user());
            dataSource.setPassword(database.password());
        });
        return dataSource;
    }

    /**
     * After a {@code kill -9} of Moor, the embedded postmaster it started keeps running and holds the
     * data directory's lock file, so the next start would fail. Its clients are gone with the old JVM,
     * so a plain SIGTERM (PostgreSQL's smart shutdown) stops it promptly and cleanly.
     */
    private static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.getFirst().strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("Stopping the embedded PostgreSQL (pid {}) left running by an earlier Moor process", pid);
        ProcessHandle postmaster = process.get();
        postmaster.destroy();
        try {
            postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception timeout) {
            postmaster.destroyForcibly();
        }
    }

    /** The embedded PostgreSQL, absent when an external database is configured. */
    record EmbeddedDatabase(Optional<EmbeddedPostgres> postgres) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (postgres.isPresent()) {
                postgres.get().close();
            }
        }
    }
}
