package dev.moor.compat.mymote;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.moor.auth.WebApiKeyService;
import dev.moor.command.CommandService;
import dev.moor.command.WhenOffline;
import dev.moor.device.Device;
import dev.moor.device.DeviceId;
import dev.moor.device.DeviceService;
import dev.moor.firmware.AppService;
import dev.moor.firmware.Firmware;
import dev.moor.firmware.FirmwareId;
import dev.moor.firmware.FirmwareService;
import dev.moor.firmware.OtaService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Iomote MyMote's cloud-to-device calls (000_653a1bc248848322.txt): a new app version, new firmware now, and
 * user JSON messages. MyMote's devices keep cloud-to-device messages until they fetch them (vendor-notes.md,
 * Iomote "Identity & concepts": up to 10 stored), so a device that is not connected gets them when it
 * reconnects: these commands are queued, not refused.
 */
@RestController
@RequestMapping("/api/user/{userid}/{webapiKey}/devices/{deviceid}")
class MyMoteCommandController {

    /** "each ≤ 4096 bytes" (vendor-notes.md, Iomote "Identity & concepts"). */
    static final int MAX_MESSAGE_BYTES = 4096;
    private static final String OK = "OK";

    private final WebApiKeyService keys;
    private final DeviceService devices;
    private final CommandService commands;
    private final FirmwareService firmwares;
    private final AppService apps;
    private final OtaService ota;
    private final JsonMapper json;

    MyMoteCommandController(WebApiKeyService keys, DeviceService devices, CommandService commands,
            FirmwareService firmwares, AppService apps, OtaService ota, JsonMapper json) {
        this.keys = keys;
        this.devices = devices;
        this.commands = commands;
        this.firmwares = firmwares;
        this.apps = apps;
        this.ota = ota;
        this.json = json;
    }

    /** "Send new app to a device": makes the app version the device's target and sends it. */
    @PostMapping("/newapp/{appid}/{appversionid}")
    MyMoteBodies.Result newApp(@PathVariable String userid, @PathVariable String webapiKey, @PathVariable String deviceid,
            @PathVariable long appid, @PathVariable long appversionid) {
        Caller caller = keys.authenticate(userid, webapiKey);
        DeviceId device = MyMoteDevices.find(devices, caller, deviceid).deviceId();
        apps.setTarget(caller, device, appid, appversionid);
        ota.triggerApp(caller, device, baseUrl(), new OtaService.OtaRequest(WhenOffline.QUEUE, Optional.empty()));
        return new MyMoteBodies.Result(OK);
    }

    /**
     * "Send new firmware to a device … /NOW": makes the firmware the device's target and sends it at once. The
     * docs name only the literal {@code NOW}; any other value is refused.
     */
    @PostMapping("/newfirmware/{firmwareid}/{when}")
    MyMoteBodies.Result newFirmware(@PathVariable String userid, @PathVariable String webapiKey,
            @PathVariable String deviceid, @PathVariable long firmwareid, @PathVariable String when) {
        Caller caller = keys.authenticate(userid, webapiKey);
        if (!"NOW".equals(when)) {
            throw new DomainException(ErrorCode.RESOURCE_NOT_FOUND, "Only NOW is supported.");
        }
        DeviceId device = MyMoteDevices.find(devices, caller, deviceid).deviceId();
        Firmware firmware = firmwares.get(caller, device, new FirmwareId(firmwareid));
        firmwares.setTarget(caller, device, firmware.md5());
        ota.triggerFirmware(caller, device, baseUrl(), new OtaService.OtaRequest(WhenOffline.QUEUE, Optional.empty()));
        return new MyMoteBodies.Result(OK);
    }

    /**
     * "Send a User Message (Cloud to Device)": the body is any JSON value, a string included, and
     * {@code Content-Type: application/json} is required. The device gets it as the payload of a command named
     * {@code message}.
     */
    @PostMapping("/sendjson")
    MyMoteBodies.Result sendJson(@PathVariable String userid, @PathVariable String webapiKey,
            @PathVariable String deviceid, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String type,
            @RequestBody(required = false) byte[] body) {
        Caller caller = keys.authenticate(userid, webapiKey);
        if (!isJson(type)) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type: application/json is needed.");
        }
        if (body == null || body.length == 0) {
            throw DomainException.invalid("The body must be a JSON value.");
        }
        if (body.length > MAX_MESSAGE_BYTES) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "A message has at most " + MAX_MESSAGE_BYTES + " bytes.");
        }
        JsonNode message;
        try {
            message = json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException notJson) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The body must be valid JSON.");
        }
        Device device = MyMoteDevices.find(devices, caller, deviceid);
        commands.send(caller, device.deviceId(), CommandService.NewCommand.of("message", message, WhenOffline.QUEUE,
                Optional.empty()));
        return new MyMoteBodies.Result(OK);
    }

    private static boolean isJson(String type) {
        try {
            return type != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
