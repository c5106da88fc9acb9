package dev.moor.compat.iotbackend;

import java.util.List;
import java.util.Optional;

import dev.moor.command.BuiltInCommand;
import dev.moor.command.CommandButton;
import dev.moor.command.CommandService;
import dev.moor.command.WhenOffline;
import dev.moor.device.Device;
import dev.moor.device.DeviceService;
import dev.moor.firmware.OtaService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * iotbackend.cloud's device commands (004_acf27261eee54b3f.txt): the built-in reboot, Wi-Fi reset and OTA
 * check, user commands, and saved command buttons. Commands to a device that is not connected are refused
 * at once with a validation response ("Command restrictions"), never queued.
 */
@RestController
@RequestMapping("/v1/user/devices/{uid}")
class IotBackendCommandController {

    private final DeviceService devices;
    private final CommandService commands;
    private final OtaService ota;

    IotBackendCommandController(DeviceService devices, CommandService commands, OtaService ota) {
        this.devices = devices;
        this.commands = commands;
        this.ota = ota;
    }

    /** "Send a reboot command to the device." The device gets {@code {"cmd": "reboot"}} (vendor-notes.md, IoTBackend "Device side"). */
    @PostMapping("/reboot")
    IotBackendBodies.DeviceMessage reboot(Caller caller, @PathVariable String uid) {
        Device device = devices.getByUid(caller, uid);
        commands.sendBuiltIn(caller, device.deviceId(), BuiltInCommand.REBOOT, cmd("reboot"), WhenOffline.REJECT,
                Optional.empty());
        return new IotBackendBodies.DeviceMessage("Reboot command sent.", device.uid());
    }

    /** "Send a Wi-Fi reset command to the device": {@code {"cmd": "wifi_reset"}}. */
    @PostMapping("/wifi-reset")
    IotBackendBodies.DeviceMessage wifiReset(Caller caller, @PathVariable String uid) {
        Device device = devices.getByUid(caller, uid);
        commands.sendBuiltIn(caller, device.deviceId(), BuiltInCommand.WIFI_RESET, cmd("wifi_reset"), WhenOffline.REJECT,
                Optional.empty());
        return new IotBackendBodies.DeviceMessage("Wi-Fi reset command sent.", device.uid());
    }

    /**
     * "Trigger an OTA check for the device": the device gets an OTA command naming its target firmware, which
     * it downloads with its device token. Without a target: "Assign firmware first to trigger OTA.".
     */
    @PostMapping("/ota")
    IotBackendBodies.DeviceMessage ota(Caller caller, @PathVariable String uid) {
        Device device = devices.getByUid(caller, uid);
        ota.triggerFirmware(caller, device.deviceId(), baseUrl(),
                new OtaService.OtaRequest(WhenOffline.REJECT, Optional.empty()));
        return new IotBackendBodies.DeviceMessage("OTA check triggered.", device.uid());
    }

    /**
     * "Send a user-defined JSON command directly to the device": {@code {"payload": {...}}}. The command is
     * named by the payload's {@code cmd} when it has one, so that the built-in names stay for their endpoints.
     */
    @PostMapping("/commands")
    IotBackendBodies.DeviceMessage command(Caller caller, @PathVariable String uid, @RequestBody JsonNode body) {
        JsonNode payload = payload(body);
        Device device = devices.getByUid(caller, uid);
        JsonNode cmd = payload.get("cmd");
        String name = cmd != null && cmd.isString() && !cmd.asString().isBlank() ? cmd.asString() : "command";
        commands.send(caller, device.deviceId(), CommandService.NewCommand.of(name, payload, WhenOffline.REJECT,
                Optional.empty()));
        return new IotBackendBodies.DeviceMessage("Command sent.", device.uid());
    }

    /** "Return saved user-defined command buttons for the device." */
    @GetMapping("/command-buttons")
    IotBackendBodies.Data<List<IotBackendCommandButton>> buttons(Caller caller, @PathVariable String uid) {
        Device device = devices.getByUid(caller, uid);
        return new IotBackendBodies.Data<>(commands.buttons(caller, device.deviceId()).stream()
                .map(IotBackendCommandButton::of).toList());
    }

    /** "Create a saved user-defined command button": {@code {id, label, payload, confirm}}. */
    @PostMapping("/command-buttons")
    @ResponseStatus(HttpStatus.CREATED)
    IotBackendBodies.DeviceMessageWithData<IotBackendCommandButton> createButton(Caller caller, @PathVariable String uid,
            @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.invalid("The request body must be a JSON object.");
        }
        String id = IotBackendDeviceController.text(body, "id")
                .orElseThrow(() -> DomainException.invalid("The id field is required."));
        String label = IotBackendDeviceController.text(body, "label")
                .orElseThrow(() -> DomainException.invalid("The label field is required."));
        JsonNode payload = payload(body);
        JsonNode confirm = body.get("confirm");
        if (confirm != null && !confirm.isNull() && !confirm.isBoolean()) {
            throw DomainException.invalid("The confirm field must be true or false.");
        }
        Device device = devices.getByUid(caller, uid);
        CommandButton button = commands.createButton(caller, device.deviceId(), id, label, payload,
                confirm != null && confirm.asBoolean());
        return new IotBackendBodies.DeviceMessageWithData<>("Command button created.", device.uid(),
                IotBackendCommandButton.of(button));
    }

    /** "Delete a saved command button." */
    @DeleteMapping("/command-buttons/{buttonId}")
    IotBackendBodies.DeviceMessage deleteButton(Caller caller, @PathVariable String uid, @PathVariable String buttonId) {
        Device device = devices.getByUid(caller, uid);
        commands.deleteButton(caller, device.deviceId(), buttonId);
        return new IotBackendBodies.DeviceMessage("Command button deleted.", device.uid());
    }

    /** "Send the payload stored in a saved command button." */
    @PostMapping("/command-buttons/{buttonId}/send")
    IotBackendBodies.DeviceMessage sendButton(Caller caller, @PathVariable String uid, @PathVariable String buttonId) {
        Device device = devices.getByUid(caller, uid);
        commands.sendButton(caller, device.deviceId(), buttonId, WhenOffline.REJECT, Optional.empty());
        return new IotBackendBodies.DeviceMessage("Command sent.", device.uid());
    }

    /** The {@code payload} field: required, and a JSON object, as the page's examples show it. */
    private static JsonNode payload(JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.invalid("The request body must be a JSON object.");
        }
        JsonNode payload = body.get("payload");
        if (payload == null || payload.isNull()) {
            throw DomainException.invalid("The payload field is required.");
        }
        if (!payload.isObject()) {
            throw DomainException.invalid("The payload field must be an object.");
        }
        return payload;
    }

    private static JsonNode cmd(String name) {
        return JsonNodeFactory.instance.objectNode().put("cmd", name);
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
