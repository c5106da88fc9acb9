package dev.moor.export;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.moor.device.Device;
import dev.moor.device.DeviceSearch;
import dev.moor.device.DeviceService;
import dev.moor.organization.ApplicationService;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.SubOrganizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs export jobs in the background: builds each file, then delivers its callback (retried with
 * exponential backoff) and its email. Work is claimed row by row in PostgreSQL, so several nodes share it
 * and a restart picks up whatever was left.
 */
@Component
class ExportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);
    private static final int MAX_BUILD_ATTEMPTS = 3;
    private static final Duration STALE_BUILD = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final ExportStore exports;
    private final DeviceService devices;
    private final ApplicationService applications;
    private final ExportMailer mailer;
    private final ExportProperties properties;
    private final JsonMapper json;
    private final HttpClient http;
    private volatile ScheduledExecutorService scheduler;

    ExportWorker(ExportStore exports, DeviceService devices, ApplicationService applications, ExportMailer mailer,
            ExportProperties properties, JsonMapper json) {
        this.exports = exports;
        this.devices = devices;
        this.applications = applications;
        this.mailer = mailer;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("moor-export").daemon().factory());
        long period = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** One round: every job that can be built, every callback and mail that is due, then expiry. */
    void runOnce() {
        try {
            for (Optional<ExportJob> job = exports.claimBuild(STALE_BUILD); job.isPresent(); job = exports.claimBuild(STALE_BUILD)) {
                build(job.get());
            }
            for (Optional<ExportStore.Row> row = exports.claimCallback(leaseFor()); row.isPresent();
                    row = exports.claimCallback(leaseFor())) {
                deliverCallback(row.get().job());
            }
            for (Optional<ExportStore.Row> row = exports.claimEmail(); row.isPresent(); row = exports.claimEmail()) {
                sendEmail(row.get().job());
            }
            exports.deleteOlderThan(properties.retention());
        } catch (RuntimeException e) {
            // The database may be going away during shutdown; the next round tries again.
            log.warn("Export round failed: {}", e.getMessage());
        }
    }

    private void build(ExportJob job) {
        try {
            OrganizationId organization = new OrganizationId(job.organizationId());
            List<Map<String, Object>> items = new ArrayList<>();
            DeviceSearch all = DeviceSearch.all(SubOrganizations.EXCLUDED,
                    new DeviceSearch.Sort(DeviceSearch.Field.ID, DeviceSearch.Direction.ASC));
            for (int page = 0; ; page++) {
                Page<Device> devicesPage = devices.searchUnchecked(organization, all, new PageRequest(page, PageRequest.MAX_SIZE));
                devicesPage.content().forEach(device -> items.add(exported(device)));
                if ((long) (page + 1) * PageRequest.MAX_SIZE >= devicesPage.totalElements()) {
                    break;
                }
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("kind", job.kind());
            file.put("exportId", job.id());
            file.put("organizationId", job.organizationId());
            file.put("applicationId", applications.getDefault(organization).id());
            file.put("exportedAt", Instant.now().toString());
            file.put("count", items.size());
            file.put("devices", items);
            exports.complete(job.id(), json.writeValueAsString(file), "application/json", items.size(), mailer.isConfigured());
        } catch (RuntimeException e) {
            log.warn("Export {} could not be built: {}", job.id(), e.getMessage());
            exports.buildFailed(job.id(), "The export could not be built.", MAX_BUILD_ATTEMPTS);
        }
    }

    /** A device's metadata as exported: everything but its secret token. */
    private static Map<String, Object> exported(Device device) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", device.id());
        item.put("uid", device.uid());
        item.put("name", device.name());
        item.put("description", device.description());
        item.put("templateId", device.templateId());
        item.put("organizationId", device.organizationId());
        item.put("ownerUserId", device.ownerUserId());
        item.put("deviceClass", device.deviceClass().wire());
        item.put("status", device.status());
        item.put("activatedAt", device.activatedAt() == null ? null : device.activatedAt().toString());
        item.put("tags", device.tags());
        item.put("attributes", device.attributes());
        item.put("meta", device.meta());
        item.put("createdAt", device.createdAt().toString());
        item.put("updatedAt", device.updatedAt().toString());
        return item;
    }

    private void deliverCallback(ExportJob job) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", "done".equals(job.status()));
        result.put("exportId", job.id());
        result.put("kind", job.kind());
        result.put("status", job.status());
        result.put("organizationId", job.organizationId());
        result.put("count", job.itemCount());
        result.put("downloadUrl", job.downloadUrl());
        result.put("error", job.error());
        result.put("completedAt", job.completedAt() == null ? null : job.completedAt().toString());
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(job.callbackUrl()))
                    .timeout(properties.callbackTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Moor export callback")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(result)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                exports.callbackDelivered(job.id());
                return;
            }
            error = "The callback answered HTTP " + response.statusCode() + ".";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Moor stopped while posting the callback.";
        } catch (Exception e) {
            error = "The callback could not be reached: " + e.getClass().getSimpleName() + ".";
        }
        int attempt = job.callbackAttempts() + 1;
        Optional<Instant> next = attempt >= properties.callbackMaxAttempts() ? Optional.empty()
                : Optional.of(Instant.now().plus(backoff(attempt)));
        exports.callbackFailed(job.id(), error, next);
    }

    /** initial, 2 x initial, 4 x initial, ... at most an hour. */
    private Duration backoff(int failedAttempts) {
        Duration delay = properties.callbackInitialBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private Duration leaseFor() {
        return properties.callbackTimeout().plusSeconds(30);
    }

    private void sendEmail(ExportJob job) {
        try {
            mailer.sendReady(job);
        } catch (RuntimeException e) {
            log.warn("The mail for export {} could not be sent: {}", job.id(), e.getMessage());
            exports.emailFailed(job.id(), "The email could not be sent.");
        }
    }
}
