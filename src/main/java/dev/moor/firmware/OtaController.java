package dev.moor.firmware;

import java.time.Duration;
import java.util.Optional;

import dev.moor.command.WhenOffline;
import dev.moor.device.DeviceId;
import dev.moor.shared.Caller;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/rest/v1/devices/{id}")
class OtaController {

    private final OtaService ota;

    OtaController(OtaService ota) {
        this.ota = ota;
    }

    /** How the OTA command travels; the body may be left out (then: refused while the device is offline). */
    record TriggerOta(String whenOffline, Long ttlSeconds) {
    }

    @PostMapping("/ota")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OtaAttempt triggerFirmware(Caller caller, @PathVariable long id, @RequestBody(required = false) TriggerOta request) {
        return ota.triggerFirmware(caller, new DeviceId(id), baseUrl(), options(request));
    }

    @PostMapping("/apps/ota")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OtaAttempt triggerApp(Caller caller, @PathVariable long id, @RequestBody(required = false) TriggerOta request) {
        return ota.triggerApp(caller, new DeviceId(id), baseUrl(), options(request));
    }

    @GetMapping("/ota-attempts")
    Page<OtaAttempt> attempts(Caller caller, @PathVariable long id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return ota.attempts(caller, new DeviceId(id), PageRequest.of(page, size));
    }

    private static OtaService.OtaRequest options(TriggerOta request) {
        TriggerOta chosen = request == null ? new TriggerOta(null, null) : request;
        return new OtaService.OtaRequest(WhenOffline.parse(chosen.whenOffline()),
                Optional.ofNullable(chosen.ttlSeconds()).map(Duration::ofSeconds));
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
