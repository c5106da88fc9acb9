package dev.moor.firmware;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import dev.moor.device.Device;
import dev.moor.device.DeviceService;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binary downloads for devices, authenticated with the device token (query {@code token}, a bearer token, or
 * the password of Basic authentication, which is what {@code ESPhttpUpdate.setAuthorization} sends).
 *
 * <p>The stock Arduino updaters (ESP8266httpUpdate, ESP32 HTTPUpdate) send the running sketch's md5 in
 * {@code x-ESP8266-sketch-md5} / {@code x-ESP32-sketch-md5} and the kind of image in {@code x-ESP8266-mode} /
 * {@code x-ESP32-mode}. They treat 304 as "no update", and otherwise need {@code Content-Length} and check the
 * optional {@code x-MD5} after flashing (esp8266/Arduino ESP8266httpUpdate.cpp, as summarised in
 * vendor-notes.md section 4, "OTA flow").
 */
@RestController
@RequestMapping("/rest/v1/ota")
class OtaDownloadController {

    private static final int CHUNK = 256 * 1024;

    private final FirmwareService firmwares;
    private final OtaService ota;
    private final DeviceService devices;

    OtaDownloadController(FirmwareService firmwares, OtaService ota, DeviceService devices) {
        this.firmwares = firmwares;
        this.ota = ota;
        this.devices = devices;
    }

    record Progress(String status, Integer progress, String md5, String error) {
    }

    @Operation(summary = "A device reports the progress or outcome of its OTA update",
            description = "Body {\"status\": \"downloading\" | \"installing\" | \"success\" | \"failed\", \"progress\"?, \"md5\"?, \"error\"?}.")
    @PostMapping("/progress")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void progress(@Parameter(description = "the device token") @RequestParam(required = false) String token,
            @RequestBody Progress report, HttpServletRequest request) {
        Device device = authenticate(token, request);
        ota.report(device.deviceId(), new OtaService.OtaReport(report.status(), report.progress(), report.md5(), report.error()));
    }

    @Operation(summary = "The device's target firmware, for the stock ESP8266/ESP32 HTTP updaters",
            description = "304 when the device has no target, asks for a filesystem image, or already runs the target.")
    @GetMapping("/firmware")
    void targetFirmware(@Parameter(description = "the device token") @RequestParam(required = false) String token,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Device device = authenticate(token, request);
        Optional<String> running = updaterHeader(request, "sketch-md5").map(md5 -> md5.toLowerCase(Locale.ROOT));
        running.ifPresent(md5 -> ota.recordRunning(device, md5));
        Optional<FirmwareStore.Row> target = firmwares.findTargetFile(device);
        boolean sketchWanted = updaterHeader(request, "mode").map("sketch"::equalsIgnoreCase).orElse(true);
        if (target.isEmpty() || !sketchWanted || running.filter(target.get().md5()::equals).isPresent()) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ota.downloading(device, target.get().md5());
        serve(target.get(), request, response);
    }

    @Operation(summary = "One firmware image or app version of the device's organization, by md5",
            description = "Supports Range; 304 when the updater's running sketch already has this md5.")
    @GetMapping("/files/{md5}")
    void file(@PathVariable String md5, @Parameter(description = "the device token") @RequestParam(required = false) String token,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Device device = authenticate(token, request);
        String wanted = md5.toLowerCase(Locale.ROOT).replaceFirst("\\.bin$", "");
        FirmwareStore.Row file = firmwares.findFile(device, wanted)
                .orElseThrow(() -> new DomainException(ErrorCode.FIRMWARE_NOT_FOUND, "No file with this md5 for this device."));
        Optional<String> running = updaterHeader(request, "sketch-md5").map(value -> value.toLowerCase(Locale.ROOT));
        running.ifPresent(value -> ota.recordRunning(device, value));
        if (running.filter(file.md5()::equals).isPresent()) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ota.downloading(device, file.md5());
        serve(file, request, response);
    }

    private void serve(FirmwareStore.Row file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String etag = "\"" + file.md5() + "\"";
        Optional<ByteRange> asked = ByteRange.of(request.getHeader(HttpHeaders.RANGE), request.getHeader(HttpHeaders.IF_RANGE),
                etag, file.size());
        firmwares.verify(file);
        ByteRange range = asked.orElse(ByteRange.whole(file.size()));
        response.setStatus(asked.isPresent() ? HttpServletResponse.SC_PARTIAL_CONTENT : HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setContentLengthLong(range.length());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader("x-MD5", file.md5());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.md5() + ".bin\"");
        if (asked.isPresent()) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + file.size());
        }
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        OutputStream out = response.getOutputStream();
        try {
            // Binaries are at most 4 MiB, so every offset fits an int.
            for (int offset = (int) range.first(); offset <= range.last(); offset += CHUNK) {
                out.write(firmwares.read(file, offset, (int) Math.min(CHUNK, range.last() - offset + 1)));
            }
        } catch (RuntimeException failure) {
            if (!response.isCommitted()) {
                // Drop the download headers so that the error answer is not sent under them.
                response.reset();
            }
            throw failure;
        }
        out.flush();
    }

    private Device authenticate(String queryToken, HttpServletRequest request) {
        String token = Optional.ofNullable(queryToken).filter(value -> !value.isBlank())
                .or(() -> headerToken(request.getHeader(HttpHeaders.AUTHORIZATION)))
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED,
                        "A device token is required: as ?token=, 'Authorization: Bearer <token>' or as the Basic password."));
        return devices.findByToken(token)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "The device token is not valid."));
    }

    private static Optional<String> headerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip()).filter(token -> !token.isEmpty());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(colon < 0 ? decoded : decoded.substring(colon + 1)).filter(token -> !token.isEmpty());
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The header either stock updater sends under its own prefix, e.g. {@code x-ESP8266-mode} or {@code x-ESP32-mode}. */
    private static Optional<String> updaterHeader(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getHeader("x-ESP8266-" + name))
                .or(() -> Optional.ofNullable(request.getHeader("x-ESP32-" + name)))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
