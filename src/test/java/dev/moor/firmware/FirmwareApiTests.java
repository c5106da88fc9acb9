package dev.moor.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.moor.support.Multipart;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FirmwareApiTests extends MoorIntegrationTest {

    @Test
    void uploadsFirmwareWithServerComputedChecksumsAndManagesItsMetadata() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long device = device(tenant);
        byte[] image = TestBinaries.image(421_376);

        Api.Response uploaded = upload(tenant, device, "Release build", "1.0.3", image);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        assertThat(uploaded.body().get("name").asString()).isEqualTo("Release build");
        assertThat(uploaded.body().get("version").asString()).isEqualTo("1.0.3");
        assertThat(uploaded.body().get("notes").asString()).isEqualTo("Stable OTA build");
        assertThat(uploaded.body().get("md5").asString()).isEqualTo(TestBinaries.md5(image));
        assertThat(uploaded.body().get("sha256").asString()).isEqualTo(TestBinaries.sha256(image));
        assertThat(uploaded.body().get("size").asLong()).isEqualTo(421_376);
        assertThat(uploaded.body().get("isCurrent").asBoolean()).isFalse();
        assertThat(uploaded.body().get("isTarget").asBoolean()).isFalse();
        long firmwareId = uploaded.body().get("id").asLong();

        String base = "/rest/v1/devices/" + device + "/firmwares";
        Api.Response renamed = api.patch(base + "/" + firmwareId, tenant.token(), Map.of("version", "1.0.4", "notes", "Renamed after testing"));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.body().get("name").asString()).isEqualTo("Release build");
        assertThat(renamed.body().get("version").asString()).isEqualTo("1.0.4");
        assertThat(renamed.body().get("md5").asString()).isEqualTo(TestBinaries.md5(image));

        Api.Response target = api.post(base + "/set-target", tenant.token(), Map.of("md5", TestBinaries.md5(image)));
        assertThat(target.status()).as(target.text()).isEqualTo(200);
        assertThat(target.body().get("target").get("md5").asString()).isEqualTo(TestBinaries.md5(image));

        JsonNode listed = api.get(base, tenant.token()).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("isTarget").asBoolean()).isTrue();
        assertThat(listed.get(0).get("isCurrent").asBoolean()).isFalse();
        assertThat(listed.get(0).get("notes").asString()).isEqualTo("Renamed after testing");

        // Another device of the same organization sees the image, but it is not that device's target.
        long other = device(tenant);
        JsonNode seenByOther = api.get("/rest/v1/devices/" + other + "/firmwares", tenant.token()).body();
        assertThat(seenByOther).hasSize(1);
        assertThat(seenByOther.get(0).get("isTarget").asBoolean()).isFalse();
    }

    @Test
    void refusesTheSameFileTwiceAsADuplicate() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long device = device(tenant);
        byte[] image = TestBinaries.image(10_000);
        assertThat(upload(tenant, device, "First", "1", image).status()).isEqualTo(201);

        Api.Response again = upload(tenant, device, "Second name, same bytes", "2", image);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asString()).isEqualTo("FIRMWARE_DUPLICATE");
        assertThat(again.body().get("detail").asString()).isEqualTo("This firmware file is already uploaded.");
        assertThat(again.body().get("md5").asString()).isEqualTo(TestBinaries.md5(image));
        assertThat(api.get("/rest/v1/devices/" + device + "/firmwares", tenant.token()).body()).hasSize(1);

        // Another organization may upload the same file: md5 is the identity within an organization.
        Fixtures.Tenant stranger = fixtures.tenant();
        assertThat(upload(stranger, device(stranger), "Theirs", "1", image).status()).isEqualTo(201);
    }

    @Test
    void acceptsExactlyFourMebibytesAndRefusesOneByteMoreWithoutStoringIt() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long device = device(tenant);

        Api.Response tooLarge = upload(tenant, device, "Too large", "1", TestBinaries.image(4 * 1024 * 1024 + 1));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(tooLarge.text()).doesNotContain("Exception");
        assertThat(api.get("/rest/v1/devices/" + device + "/firmwares", tenant.token()).body()).isEmpty();

        Api.Response largest = upload(tenant, device, "Largest", "1", TestBinaries.image(4 * 1024 * 1024));
        assertThat(largest.status()).as(largest.text()).isEqualTo(201);
        assertThat(largest.body().get("size").asLong()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void refusesBadUploadsWithProblemDetailsAndStoresNothing() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long device = device(tenant);
        String path = "/rest/v1/devices/" + device + "/firmwares";
        byte[] image = TestBinaries.image(2048);

        Api.Response empty = new Multipart().field("name", "Empty").file("file", "firmware.bin", "application/octet-stream", new byte[0])
                .post(port, path, tenant.token());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("detail").asString()).contains("empty");

        Api.Response wrongType = new Multipart().field("name", "Text").file("file", "firmware.txt", "text/plain", image)
                .post(port, path, tenant.token());
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.body().get("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        Api.Response noName = new Multipart().field("version", "1").file("file", "firmware.bin", "application/octet-stream", image)
                .post(port, path, tenant.token());
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().get("detail").asString()).contains("name");

        Api.Response noFile = new Multipart().field("name", "No file").post(port, path, tenant.token());
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.body().get("detail").asString()).contains("file");

        Api.Response json = api.post(path, tenant.token(), Map.of("name", "JSON instead"));
        assertThat(json.status()).isEqualTo(415);

        Api.Response unknownDevice = new Multipart().field("name", "Lost").file("file", "f.bin", "application/octet-stream", image)
                .post(port, "/rest/v1/devices/999999999/firmwares", tenant.token());
        assertThat(unknownDevice.status()).isEqualTo(404);

        Fixtures.Tenant stranger = fixtures.tenant();
        Api.Response foreignDevice = new Multipart().field("name", "Foreign").file("file", "f.bin", "application/octet-stream", image)
                .post(port, path, stranger.token());
        assertThat(foreignDevice.status()).isEqualTo(404);
        assertThat(foreignDevice.body().get("code").asString()).isEqualTo("DEVICE_NOT_FOUND");

        Api.Response noToken = new Multipart().field("name", "Anonymous").file("file", "f.bin", "application/octet-stream", image)
                .post(port, path, "");
        assertThat(noToken.status()).isEqualTo(401);

        assertThat(api.get(path, tenant.token()).body()).isEmpty();
        // Nothing was kept of the refused file: it can now be uploaded as new.
        assertThat(upload(tenant, device, "Finally", "1", image).status()).isEqualTo(201);
    }

    @Test
    void setsTheTargetOnlyToAKnownImageOfTheDevicesOrganization() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long device = device(tenant);
        String path = "/rest/v1/devices/" + device + "/firmwares/set-target";

        Api.Response unknown = api.post(path, tenant.token(), Map.of("md5", "e4b7f01d6b9f3d6fdb0d53f5e8be2d34"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asString()).isEqualTo("Firmware with the provided md5 was not found for this device.");

        assertThat(api.post(path, tenant.token(), Map.of("md5", "not-an-md5")).status()).isEqualTo(400);

        Fixtures.Tenant stranger = fixtures.tenant();
        byte[] theirs = TestBinaries.image(4096);
        assertThat(upload(stranger, device(stranger), "Theirs", "1", theirs).status()).isEqualTo(201);
        Api.Response foreign = api.post(path, tenant.token(), Map.of("md5", TestBinaries.md5(theirs)));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().get("code").asString()).isEqualTo("FIRMWARE_NOT_FOUND");

        JsonNode status = api.get("/rest/v1/devices/" + device + "/firmware-status", tenant.token()).body();
        assertThat(status.get("target").isNull()).isTrue();
    }

    @Test
    void refusesToDeleteFirmwareWhileAnyDeviceHasItAsTarget() {
        Fixtures.Tenant tenant = fixtures.tenant();
        long first = device(tenant);
        long second = device(tenant);
        byte[] image = TestBinaries.image(8192);
        long firmwareId = upload(tenant, first, "Shared", "2.0.0", image).body().get("id").asLong();
        assertThat(api.post("/rest/v1/devices/" + second + "/firmwares/set-target", tenant.token(),
                Map.of("md5", TestBinaries.md5(image))).status()).isEqualTo(200);

        Api.Response refused = api.delete("/rest/v1/devices/" + first + "/firmwares/" + firmwareId, tenant.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("code").asString()).isEqualTo("FIRMWARE_IN_USE");
        assertThat(refused.body().get("detail").asString()).isEqualTo("Cannot delete firmware while it is assigned to any device.");
        assertThat(api.get("/rest/v1/devices/" + first + "/firmwares/" + firmwareId, tenant.token()).status()).isEqualTo(200);

        Fixtures.Tenant stranger = fixtures.tenant();
        assertThat(api.delete("/rest/v1/devices/" + device(stranger) + "/firmwares/" + firmwareId, stranger.token()).status())
                .isEqualTo(404);

        assertThat(api.delete("/rest/v1/devices/" + second + "/firmwares/target", tenant.token()).status()).isEqualTo(200);
        assertThat(api.delete("/rest/v1/devices/" + first + "/firmwares/" + firmwareId, tenant.token()).status()).isEqualTo(204);
        assertThat(api.get("/rest/v1/devices/" + first + "/firmwares", tenant.token()).body()).isEmpty();
    }

    private long device(Fixtures.Tenant tenant) {
        String template = fixtures.template(tenant.token());
        return fixtures.device(tenant.token(), Map.of("name", "Board " + Fixtures.unique(), "templateId", template,
                "platform", "espressif8266")).get("id").asLong();
    }

    private Api.Response upload(Fixtures.Tenant tenant, long device, String name, String version, byte[] image) {
        return new Multipart().field("name", name).field("version", version).field("notes", "Stable OTA build")
                .file("file", "firmware.bin", "application/octet-stream", image)
                .post(port, "/rest/v1/devices/" + device + "/firmwares", tenant.token());
    }
}
