package dev.moor.export;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/rest/v1/exports")
class ExportController {

    private final ExportService exports;

    ExportController(ExportService exports) {
        this.exports = exports;
    }

    record StartExport(Long organizationId, String email, String callbackUrl) {
    }

    /** Starts a device export; 202 with the job, whose {@code downloadUrl} appears once it is done. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    ExportJob start(Caller caller, @RequestBody(required = false) StartExport request) {
        StartExport body = request == null ? new StartExport(null, null, null) : request;
        return exports.startDeviceExport(caller, new ExportService.ExportRequest(
                Optional.ofNullable(body.organizationId()).map(OrganizationId::new), Optional.ofNullable(body.email()),
                Optional.ofNullable(body.callbackUrl())));
    }

    @GetMapping
    Page<ExportJob> list(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return exports.list(caller, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    ExportJob get(Caller caller, @PathVariable long id) {
        return exports.get(caller, id);
    }

    /** The file itself; the key from the download link stands in for a token. */
    @GetMapping("/{id}/download")
    ResponseEntity<byte[]> download(@PathVariable long id, @RequestParam(required = false) String key) {
        ExportService.ExportFile file = exports.download(id, key);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.content().getBytes(StandardCharsets.UTF_8));
    }
}
