package dev.moor.compat.iotbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** iotbackend.cloud's firmware endpoints (004_acf27261eee54b3f.txt, "firmwares", "set-target"). */
class IotBackendFirmwareTests extends MoorIntegrationTest {

    private static final List<String> FIRMWARE_FIELDS = List.of("id", "name", "version", "notes", "md5", "size",
            "created_at", "is_current", "is_target");

    @Test
    void uploadsListsAndRefusesADuplicate() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = "/v1/user/devices/" + uid(tenant) + "/firmwares";
        byte[] binary = image(421_376);

        Api.Response uploaded = upload(tenant, base, "Release build", "1.0.3", "Stable OTA build", binary);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        assertThat(uploaded.body().propertyNames()).containsExactly("data");
        JsonNode firmware = uploaded.body().get("data");
        assertThat(firmware.propertyNames()).containsExactlyElementsOf(FIRMWARE_FIELDS);
        assertThat(firmware.get("name").asString()).isEqualTo("Release build");
        assertThat(firmware.get("version").asString()).isEqualTo("1.0.3");
        assertThat(firmware.get("notes").asString()).isEqualTo("Stable OTA build");
        assertThat(firmware.get("md5").asString()).isEqualTo(md5(binary));
        assertThat(firmware.get("size").asLong()).isEqualTo(421_376);
        assertThat(firmware.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(firmware.get("is_current").asBoolean()).isFalse();
        assertThat(firmware.get("is_target").asBoolean()).isFalse();

        Api.Response duplicate = upload(tenant, base, "Again", null, null, binary);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.text()).isEqualTo("{\"message\":\"This firmware file is already uploaded.\"}");

        Api.Response list = api.get(base, tenant.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("data")).hasSize(1);
        assertThat(list.body().get("data").get(0)).isEqualTo(firmware);
    }

    @Test
    void refusesBadUploadsAndStoresNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = "/v1/user/devices/" + uid(tenant) + "/firmwares";

        Api.Response tooLarge = upload(tenant, base, "Huge", null, null, image(4 * 1024 * 1024 + 1));
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.text()).isEqualTo("{\"message\":\"The file field must not be greater than 4096 kilobytes.\"}");

        Api.Response noName = new Multipart().file(image(1000), "application/octet-stream")
                .post(port, base, tenant.token());
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.body().propertyNames()).containsExactly("message");

        Api.Response noFile = new Multipart().field("name", "Nothing").post(port, base, tenant.token());
        assertThat(noFile.status()).isEqualTo(422);

        Api.Response empty = upload(tenant, base, "Empty", null, null, new byte[0]);
        assertThat(empty.status()).isEqualTo(422);

        assertThat(api.get(base, tenant.token()).body().get("data")).isEmpty();
    }

    @Test
    void assignsATargetByMd5AndShowsItInTheDetail() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String uid = uid(tenant);
        String base = "/v1/user/devices/" + uid + "/firmwares";
        byte[] binary = image(2048);
        long id = upload(tenant, base, "Release build", "1.0.3", null, binary).body().get("data").get("id").asLong();

        Api.Response assigned = api.post(base + "/set-target", tenant.token(), Map.of("md5", md5(binary)));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        assertThat(assigned.body()).isEqualTo(Api.JSON.readTree("{\"message\":\"Firmware assigned to device.\","
                + "\"device_uid\":\"" + uid + "\",\"md5\":\"" + md5(binary) + "\"}"));
        assertThat(api.get(base, tenant.token()).body().get("data").get(0).get("is_target").asBoolean()).isTrue();

        JsonNode detail = api.get("/v1/user/devices/" + uid, tenant.token()).body().get("data");
        assertThat(detail.get("target_firmware").get("id").asLong()).isEqualTo(id);
        assertThat(detail.get("target_firmware").propertyNames()).containsExactlyElementsOf(FIRMWARE_FIELDS);
        assertThat(detail.get("current_firmware").isNull()).isTrue();

        Api.Response unknown = api.post(base + "/set-target", tenant.token(), Map.of("md5", "e4b7f01d6b9f3d6fdb0d53f5e8be2d34"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text())
                .isEqualTo("{\"message\":\"Firmware with the provided md5 was not found for this device.\"}");
        assertThat(api.post(base + "/set-target", tenant.token(), Map.of("md5", "not-an-md5")).status()).isEqualTo(422);
        assertThat(api.post(base + "/set-target", tenant.token(), Map.of()).text())
                .isEqualTo("{\"message\":\"The md5 field is required.\"}");
        assertThat(api.get(base, tenant.token()).body().get("data").get(0).get("is_target").asBoolean())
                .as("a refused set-target leaves the target").isTrue();
    }

    @Test
    void updatesMetadataAndDeletesOnlyUnassignedFirmware() {
        Fixtures.Tenant tenant = fixtures.tenant();
        String base = "/v1/user/devices/" + uid(tenant) + "/firmwares";
        byte[] assignedBinary = image(1500);
        long assigned = upload(tenant, base, "Release build", "1.0.3", null, assignedBinary).body().get("data").get("id").asLong();
        long spare = upload(tenant, base, "Spare", null, null, image(1600)).body().get("data").get("id").asLong();
        api.post(base + "/set-target", tenant.token(), Map.of("md5", md5(assignedBinary)));

        Api.Response patched = api.patch(base + "/" + assigned, tenant.token(),
                Map.of("name", "Release build", "version", "1.0.4", "notes", "Renamed after testing"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.body().get("data").get("version").asString()).isEqualTo("1.0.4");
        assertThat(patched.body().get("data").get("notes").asString()).isEqualTo("Renamed after testing");
        assertThat(patched.body().get("data").get("is_target").asBoolean()).isTrue();
        assertThat(api.patch(base + "/" + assigned, tenant.token(), Map.of("version", 5)).status()).isEqualTo(422);

        Api.Response inUse = api.delete(base + "/" + assigned, tenant.token());
        assertThat(inUse.status()).isEqualTo(422);
        assertThat(inUse.text()).isEqualTo("{\"message\":\"Cannot delete firmware while it is assigned to any device.\"}");

        Api.Response deleted = api.delete(base + "/" + spare, tenant.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEqualTo("{\"message\":\"Firmware deleted.\"}");
        assertThat(api.get(base, tenant.token()).body().get("data")).hasSize(1);
        assertThat(api.delete(base + "/" + spare, tenant.token()).status()).isEqualTo(404);
    }

    @Test
    void keepsAnotherTenantsDevicesAndFirmwareOutOfReach() {
        Fixtures.Tenant tenant = fixtures.tenant();
        Fixtures.Tenant stranger = fixtures.tenant();
        String uid = uid(tenant);
        String base = "/v1/user/devices/" + uid + "/firmwares";
        byte[] binary = image(1200);
        long id = upload(tenant, base, "Private", null, null, binary).body().get("data").get("id").asLong();
        String strangerBase = "/v1/user/devices/" + uid(stranger) + "/firmwares";

        assertThat(api.get(base, stranger.token()).text()).isEqualTo("{\"message\":\"Device not found.\"}");
        assertThat(upload(stranger, base, "Planted", null, null, image(1300)).status()).isEqualTo(404);
        assertThat(api.delete(base + "/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(api.patch(strangerBase + "/" + id, stranger.token(), Map.of("name", "Mine")).status())
                .as("another organization's firmware through one's own device").isEqualTo(404);
        assertThat(api.delete(strangerBase + "/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(api.post(strangerBase + "/set-target", stranger.token(), Map.of("md5", md5(binary))).status())
                .isEqualTo(404);
        assertThat(api.get(base, tenant.token()).body().get("data").get(0).get("name").asString()).isEqualTo("Private");
    }

    private Api.Response upload(Fixtures.Tenant tenant, String path, String name, String version, String notes,
            byte[] binary) {
        Multipart form = new Multipart().field("name", name);
        if (version != null) {
            form.field("version", version);
        }
        if (notes != null) {
            form.field("notes", notes);
        }
        return form.file(binary, "application/octet-stream").post(port, path, tenant.token());
    }

    private String uid(Fixtures.Tenant tenant) {
        return fixtures.device(tenant.token(), Map.of("name", "Node", "templateId", fixtures.template(tenant.token()),
                "platform", "espressif8266", "board", "esp07s")).get("uid").asString();
    }

    /** An ESP image: it starts with the magic byte 0xE9, as the stock updater checks. */
    static byte[] image(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        if (size > 0) {
            bytes[0] = (byte) 0xE9;
        }
        return bytes;
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
