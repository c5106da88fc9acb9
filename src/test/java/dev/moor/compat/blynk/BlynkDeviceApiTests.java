package dev.moor.compat.blynk;

import static dev.moor.compat.blynk.BlynkTestSupport.BASE;
import static dev.moor.compat.blynk.BlynkTestSupport.assertBlynkError;
import static dev.moor.compat.blynk.BlynkTestSupport.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.moor.compat.blynk.BlynkTestSupport.Member;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.moor.support.Api;
import dev.moor.support.Fixtures;
import dev.moor.support.MoorIntegrationTest;
import dev.moor.support.Mqtt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Blynk.Cloud organization device API, endpoint by endpoint, with its permission rules and errors. */
class BlynkDeviceApiTests extends MoorIntegrationTest {

    BlynkTestSupport blynk;
    Fixtures.Tenant tenant;
    String template;

    @BeforeEach
    void setUp() {
        blynk = new BlynkTestSupport(api, fixtures);
        tenant = fixtures.tenant();
        template = fixtures.template(tenant.token());
    }

    @Test
    void listsTheOrganizationsDevicesInPagesWithTotalElements() {
        for (String name : List.of("Alpha", "Bravo", "Charlie")) {
            blynk.create(tenant.token(), template, name);
        }
        long sub = blynk.suborganization(tenant.organizationId());
        fixtures.device(tenant.token(), Map.of("name", "Deep", "templateId", template, "organizationId", sub));

        Api.Response page = api.get(BASE + "/devices?size=2", tenant.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("totalElements").asLong()).isEqualTo(3);
        assertThat(names(page)).containsExactly("Alpha", "Bravo");
        assertThat(names(api.get(BASE + "/devices?size=2&page=1", tenant.token()))).containsExactly("Charlie");
        assertThat(api.get(BASE + "/devices?includeSubOrgDevices=true", tenant.token()).body().get("totalElements").asLong())
                .isEqualTo(4);
        assertThat(names(api.get(BASE + "/devices?orgId=" + sub, tenant.token()))).containsExactly("Deep");
        JsonNode first = page.body().get("content").get(0);
        assertThat(first.propertyNames()).contains("id", "name", "templateId", "orgId", "token");
        assertThat(first.get("templateId").asLong()).isEqualTo(blynk.templateNumber(tenant.token(), template));
        assertThat(first.get("orgId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(first.has("ownerUserId")).isFalse();
    }

    @Test
    void refusesPageSizesOverOneThousandAndOtherBadPaging() {
        assertBlynkError(api.get(BASE + "/devices?size=1001", tenant.token()), 400, "requested page size is too big");
        assertBlynkError(api.get(BASE + "/devices?size=0", tenant.token()), 400, "size");
        assertBlynkError(api.get(BASE + "/devices?page=-1", tenant.token()), 400, "page");
        assertBlynkError(api.get(BASE + "/devices?size=ten", tenant.token()), 400, "size");
        assertThat(api.get(BASE + "/devices?size=1000", tenant.token()).status()).isEqualTo(200);
    }

    @Test
    void listingNeedsOrgDevicesViewAndAToken() {
        Member ownOnly = blynk.member(tenant, "OWN_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/devices", ownOnly.token()), 403, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/search/devices?query=a", ownOnly.token()), 403, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/devices", null), 403, "token");
        assertBlynkError(api.get(BASE + "/devices", "not-a-token"), 403, "not valid");
        Fixtures.Tenant other = fixtures.tenant();
        assertBlynkError(api.get(BASE + "/devices?orgId=" + other.organizationId(), tenant.token()), 404,
                "Organization not found or access denied");
    }

    @Test
    void searchesDevicesByQueryWithSortOrder() {
        for (String name : List.of("Garden Probe", "Garage Door", "Kitchen")) {
            blynk.create(tenant.token(), template, name);
        }
        Api.Response found = api.get(BASE + "/search/devices?query=gar&sortBy=Name&sortOrder=DESC", tenant.token());
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(names(found)).containsExactly("Garden Probe", "Garage Door");
        assertThat(found.body().get("totalElements").asLong()).isEqualTo(2);
        assertThat(names(api.get(BASE + "/search/devices?query=gar&sortBy=name", tenant.token())))
                .containsExactly("Garage Door", "Garden Probe");

        assertBlynkError(api.get(BASE + "/search/devices", tenant.token()), 400, "query");
        assertBlynkError(api.get(BASE + "/search/devices?query=" + "q".repeat(256), tenant.token()), 400, "255");
        assertBlynkError(api.get(BASE + "/search/devices?query=a&sortOrder=UP", tenant.token()), 400, "ASC or DESC");
        assertBlynkError(api.get(BASE + "/search/devices?query=a&sortBy=colour", tenant.token()), 400, "sortBy");
        assertBlynkError(api.get(BASE + "/search/devices?query=a&size=5000", tenant.token()), 400,
                "requested page size is too big");
    }

    @Test
    void showsDeviceDetailsAndBaseInfo() {
        Api.Response field = api.post("/rest/v1/templates/" + template + "/metafields", tenant.token(),
                Map.of("name", "Serial Number", "type", "TEXT", "mandatory", true));
        assertThat(field.status()).as(field.text()).isEqualTo(201);
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW");
        JsonNode created = blynk.createOwned(tenant.token(), template, "Boiler", owner.id());
        long id = created.get("id").asLong();

        Api.Response details = api.get(BASE + "/device?deviceId=" + id, tenant.token());
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.body().get("id").asLong()).isEqualTo(id);
        assertThat(details.body().get("name").asString()).isEqualTo("Boiler");
        assertThat(details.body().get("templateId").asLong()).isEqualTo(blynk.templateNumber(tenant.token(), template));
        assertThat(details.body().get("orgId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(details.body().get("token").asString()).isEqualTo(blynk.core(tenant.token(), id).get("token").asString());
        assertThat(details.body().get("ownerUserId").asLong()).isEqualTo(owner.id());
        JsonNode meta = details.body().get("metaFieldValues").get(0);
        assertThat(meta.get("name").asString()).isEqualTo("Serial Number");
        assertThat(meta.get("isMandatory").asBoolean()).isTrue();

        Api.Response base = api.get(BASE + "/device/baseInfo?deviceId=" + id, tenant.token());
        assertThat(base.status()).isEqualTo(200);
        assertThat(base.body().get("name").asString()).isEqualTo("Boiler");
        assertThat(base.body().has("metaFieldValues")).isFalse();

        // A user-scoped token without ORG_DEVICES_VIEW sees its own devices only.
        assertThat(api.get(BASE + "/device?deviceId=" + id, owner.token()).status()).isEqualTo(200);
        long other = blynk.create(tenant.token(), template, "Not Yours").get("id").asLong();
        assertBlynkError(api.get(BASE + "/device?deviceId=" + other, owner.token()), 404, "Device not found or access denied");
        assertBlynkError(api.get(BASE + "/device/baseInfo?deviceId=" + other, owner.token()), 404, "Device not found or access denied");
        Member nothing = blynk.member(tenant);
        assertBlynkError(api.get(BASE + "/device?deviceId=" + id, nothing.token()), 403, "OWN_DEVICES_VIEW");
    }

    @Test
    void answersBadAndForeignDeviceIdsAsDocumented() {
        Fixtures.Tenant other = fixtures.tenant();
        long foreign = fixtures.device(other.token(), fixtures.template(other.token()), "Foreign").get("id").asLong();
        for (String path : List.of("/device", "/device/baseInfo", "/device/tags", "/device/metafield")) {
            assertBlynkError(api.get(BASE + path + "?deviceId=abc", tenant.token()), 400, "invalid device ID");
            assertBlynkError(api.get(BASE + path, tenant.token()), 400, "invalid device ID");
            assertBlynkError(api.get(BASE + path + "?deviceId=99999999999", tenant.token()), 400, "invalid device ID");
            assertBlynkError(api.get(BASE + path + "?deviceId=" + foreign, tenant.token()), 404, "not found or access denied");
        }
        assertBlynkError(api.delete(BASE + "/device?deviceId=" + foreign, tenant.token()), 404, "not found or access denied");
        assertThat(blynk.core(other.token(), foreign).get("name").asString()).isEqualTo("Foreign");
    }

    @Test
    void renamesADeviceByTheNameRule() {
        long id = blynk.create(tenant.token(), template, "Old Name").get("id").asLong();
        Api.Response renamed = api.put(BASE + "/device?deviceId=" + id, tenant.token(), Map.of("name", "New Name-2"));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.body().get("name").asString()).isEqualTo("New Name-2");
        assertThat(renamed.body().get("id").asLong()).isEqualTo(id);
        assertThat(renamed.body().get("token").asString()).hasSize(32);

        for (String bad : List.of("", "x".repeat(51), "semi;colon", "slash/name")) {
            assertBlynkError(api.put(BASE + "/device?deviceId=" + id, tenant.token(), Map.of("name", bad)), 400, "name");
        }
        assertBlynkError(api.put(BASE + "/device?deviceId=" + id, tenant.token(), "{\"name\": "), 400, "Invalid request body");
        assertThat(blynk.core(tenant.token(), id).get("name").asString()).isEqualTo("New Name-2");
    }

    @Test
    void updateAndDeleteNeedTheirPermissionAndAVisibleDevice() {
        Member editor = blynk.member(tenant, "ORG_DEVICES_EDIT", "ORG_DEVICES_DELETE", "OWN_DEVICES_VIEW");
        long own = blynk.createOwned(tenant.token(), template, "Mine", editor.id()).get("id").asLong();
        long theirs = blynk.create(tenant.token(), template, "Theirs").get("id").asLong();

        assertThat(api.put(BASE + "/device?deviceId=" + own, editor.token(), Map.of("name", "Still Mine")).status()).isEqualTo(200);
        assertBlynkError(api.put(BASE + "/device?deviceId=" + theirs, editor.token(), Map.of("name", "Taken")), 404,
                "Device not found or access denied");
        assertBlynkError(api.delete(BASE + "/device?deviceId=" + theirs, editor.token()), 404, "Device not found");
        assertThat(blynk.core(tenant.token(), theirs).get("name").asString()).isEqualTo("Theirs");

        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.put(BASE + "/device?deviceId=" + theirs, viewer.token(), Map.of("name", "Nope")), 403, "ORG_DEVICES_EDIT");
        assertBlynkError(api.delete(BASE + "/device?deviceId=" + theirs, viewer.token()), 403, "ORG_DEVICES_DELETE");

        Api.Response deleted = api.delete(BASE + "/device?deviceId=" + own, editor.token());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(api.get("/rest/v1/devices/" + own, tenant.token()).status()).isEqualTo(404);
        assertThat(api.get("/rest/v1/devices/" + theirs, tenant.token()).status()).isEqualTo(200);
    }

    @Test
    void createsDevicesFromATemplateId() {
        Api.Response created = api.post(BASE + "/device/create", tenant.token(), Map.of("templateId", template, "name", "Fresh"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("name").asString()).isEqualTo("Fresh");
        assertThat(created.body().get("templateId").asLong()).isEqualTo(blynk.templateNumber(tenant.token(), template));
        assertThat(created.body().get("token").asString()).hasSize(32);
        assertThat(created.body().has("metaFieldValues")).isTrue();

        Api.Response base = api.post(BASE + "/device/create?baseInfoResponse=true", tenant.token(),
                Map.of("templateId", template, "name", "Lean"));
        assertThat(base.status()).isEqualTo(201);
        assertThat(base.body().has("metaFieldValues")).isFalse();

        long sub = blynk.suborganization(tenant.organizationId());
        Api.Response inSub = api.post(BASE + "/device/create", tenant.token(), Map.of("templateId", template, "name", "Sub", "orgId", sub));
        assertThat(inSub.body().get("orgId").asLong()).isEqualTo(sub);
    }

    @Test
    void createNeedsOrgViewUsersToSetAnotherOwnerAndRejectsBadInputWithoutCreating() {
        Member creator = blynk.member(tenant, "ORG_DEVICES_CREATE", "OWN_DEVICES_VIEW");
        Member someoneElse = blynk.member(tenant, "OWN_DEVICES_VIEW");
        Api.Response self = api.post(BASE + "/device/create", creator.token(),
                Map.of("templateId", template, "name", "For Me", "ownerId", creator.id()));
        assertThat(self.status()).as(self.text()).isEqualTo(201);
        assertThat(self.body().get("ownerUserId").asLong()).isEqualTo(creator.id());
        assertBlynkError(api.post(BASE + "/device/create", creator.token(),
                Map.of("templateId", template, "name", "For You", "ownerId", someoneElse.id())), 403, "ORG_VIEW_USERS");
        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.post(BASE + "/device/create", viewer.token(), Map.of("templateId", template, "name", "No")), 403,
                "ORG_DEVICES_CREATE");

        Fixtures.Tenant other = fixtures.tenant();
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(), Map.of("templateId", "TMPLnothere", "name", "X")), 404,
                "Template not found or access denied");
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(),
                Map.of("templateId", template, "name", "X", "orgId", other.organizationId())), 404, "Organization not found");
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(),
                Map.of("templateId", template, "name", "X", "ownerId", other.adminUserId())), 404, "User not found");
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(), Map.of("templateId", template, "name", "bad;name")), 400, "name");
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(), Map.of("name", "No Template")), 400, "templateId");
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(),
                Map.of("templateId", "T".repeat(201), "name", "Long")), 400, "templateId");
        assertBlynkError(api.post(BASE + "/device/create", tenant.token(),
                Map.of("templateId", template, "name", "Typed", "orgId", "north")), 400, "Invalid request body");
        assertThat(api.get("/rest/v1/devices", tenant.token()).body().get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void showsDeviceTagsToHoldersOfViewOwnOrgTag() {
        long id = blynk.create(tenant.token(), template, "Tagged").get("id").asLong();
        Api.Response tag = api.post("/rest/v1/tags", tenant.token(), Map.of("name", "In Service"));
        assertThat(tag.status()).as(tag.text()).isEqualTo(201);
        long tagId = tag.body().get("id").asLong();
        assertThat(api.put("/rest/v1/devices/" + id + "/org-tags/" + tagId, tenant.token(), Map.of()).status()).isEqualTo(200);

        Api.Response tags = api.get(BASE + "/device/tags?deviceId=" + id, tenant.token());
        assertThat(tags.status()).isEqualTo(200);
        assertThat(tags.body()).hasSize(1);
        assertThat(tags.body().get(0).get("id").asLong()).isEqualTo(tagId);
        assertThat(tags.body().get(0).get("name").asString()).isEqualTo("In Service");
        assertThat(tags.body().get(0).get("tagOwnerOrgId").asLong()).isEqualTo(tenant.organizationId());

        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/tags?deviceId=" + id, viewer.token()), 403, "VIEW_OWN_ORG_TAG");
    }

    @Test
    void transfersADeviceToAnActivatedOwner() {
        long id = blynk.create(tenant.token(), template, "Moving").get("id").asLong();
        Member newOwner = blynk.member(tenant, "OWN_DEVICES_VIEW");
        Api.Response moved = api.post(BASE + "/device/transfer/to-owner", tenant.token(),
                Map.of("deviceId", id, "newOwnerUserId", newOwner.id()));
        assertThat(moved.status()).as(moved.text()).isEqualTo(204);
        assertThat(blynk.core(tenant.token(), id).get("ownerUserId").asLong()).isEqualTo(newOwner.id());
        assertThat(api.get(BASE + "/device?deviceId=" + id, newOwner.token()).status()).isEqualTo(200);

        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", tenant.token(),
                Map.of("deviceId", id, "newOwnerUserId", newOwner.id())), 400, "same owner");
        Member dormant = blynk.member(tenant, tenant.organizationId(), false, "OWN_DEVICES_VIEW");
        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", tenant.token(),
                Map.of("deviceId", id, "newOwnerUserId", dormant.id())), 400, "not activated");
        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", tenant.token(),
                Map.of("deviceId", id, "newOwnerUserId", fixtures.tenant().adminUserId())), 404, "User not found");
        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", tenant.token(), Map.of("deviceId", id)), 400, "newOwnerUserId");
        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", tenant.token(), "{\"deviceId\": \"x\"}"), 400,
                "Invalid request body");
        assertThat(blynk.core(tenant.token(), id).get("ownerUserId").asLong()).isEqualTo(newOwner.id());
    }

    @Test
    void transferToAnotherOwnerNeedsTransferDeviceAndOrgViewUsers() {
        Member holder = blynk.member(tenant, "TRANSFER_DEVICE", "OWN_DEVICES_VIEW");
        Member colleague = blynk.member(tenant, "OWN_DEVICES_VIEW");
        long id = blynk.createOwned(tenant.token(), template, "Handed Over", holder.id()).get("id").asLong();
        long notHis = blynk.create(tenant.token(), template, "Elsewhere").get("id").asLong();

        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", holder.token(),
                Map.of("deviceId", id, "newOwnerUserId", colleague.id())), 403, "ORG_VIEW_USERS");
        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", holder.token(),
                Map.of("deviceId", notHis, "newOwnerUserId", holder.id())), 404, "Device not found");
        Member noTransfer = blynk.member(tenant, "ORG_DEVICES_VIEW", "ORG_VIEW_USERS");
        assertBlynkError(api.post(BASE + "/device/transfer/to-owner", noTransfer.token(),
                Map.of("deviceId", notHis, "newOwnerUserId", colleague.id())), 403, "TRANSFER_DEVICE");
        assertThat(blynk.core(tenant.token(), id).get("ownerUserId").asLong()).isEqualTo(holder.id());

        Member trusted = blynk.member(tenant, "TRANSFER_DEVICE", "OWN_DEVICES_VIEW", "ORG_VIEW_USERS");
        long trustedDevice = blynk.createOwned(tenant.token(), template, "Trusted", trusted.id()).get("id").asLong();
        assertThat(api.post(BASE + "/device/transfer/to-owner", trusted.token(),
                Map.of("deviceId", trustedDevice, "newOwnerUserId", colleague.id())).status()).isEqualTo(204);
        assertThat(blynk.core(tenant.token(), trustedDevice).get("ownerUserId").asLong()).isEqualTo(colleague.id());
    }

    @Test
    void transfersADeviceToAnotherOrganizationWithoutAnOwner() {
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW");
        long id = blynk.createOwned(tenant.token(), template, "Emigrant", owner.id()).get("id").asLong();
        long sub = blynk.suborganization(tenant.organizationId());

        Api.Response moved = api.post(BASE + "/device/transfer/to-organization", tenant.token(), Map.of("deviceId", id, "newOrgId", sub));
        assertThat(moved.status()).as(moved.text()).isEqualTo(204);
        JsonNode core = blynk.core(tenant.token(), id);
        assertThat(core.get("organizationId").asLong()).isEqualTo(sub);
        assertThat(core.get("ownerUserId").isNull()).isTrue();

        assertBlynkError(api.post(BASE + "/device/transfer/to-organization", tenant.token(),
                Map.of("deviceId", id, "newOrgId", sub)), 400, "already belongs");
        assertBlynkError(api.post(BASE + "/device/transfer/to-organization", tenant.token(),
                Map.of("deviceId", id, "newOrgId", fixtures.tenant().organizationId())), 404, "Organization not found or access denied");
        assertBlynkError(api.post(BASE + "/device/transfer/to-organization", tenant.token(), Map.of("newOrgId", sub)), 400, "deviceId");

        Member transferOnly = blynk.member(tenant, "TRANSFER_DEVICE", "ORG_DEVICES_VIEW");
        assertBlynkError(api.post(BASE + "/device/transfer/to-organization", transferOnly.token(),
                Map.of("deviceId", id, "newOrgId", tenant.organizationId())), 403, "ORG_VIEW");
        assertThat(blynk.core(tenant.token(), id).get("organizationId").asLong()).isEqualTo(sub);
    }

    @Test
    void removesTheOwnerWithOrgDevicesEdit() {
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW", "ORG_DEVICES_EDIT");
        long id = blynk.createOwned(tenant.token(), template, "Orphan", owner.id()).get("id").asLong();
        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.delete(BASE + "/device/owner?deviceId=" + id, viewer.token()), 403, "ORG_DEVICES_EDIT");
        assertThat(blynk.core(tenant.token(), id).get("ownerUserId").asLong()).isEqualTo(owner.id());

        assertThat(api.delete(BASE + "/device/owner?deviceId=" + id, owner.token()).status()).isEqualTo(204);
        assertThat(blynk.core(tenant.token(), id).get("ownerUserId").isNull()).isTrue();
        // The former owner no longer sees the device.
        assertBlynkError(api.delete(BASE + "/device/owner?deviceId=" + id, owner.token()), 404, "Device not found");
    }

    @Test
    void listsDevicesByOwnerEmail() {
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW");
        blynk.createOwned(tenant.token(), template, "First", owner.id());
        blynk.createOwned(tenant.token(), template, "Second", owner.id());
        blynk.create(tenant.token(), template, "Unowned");

        Api.Response mine = api.get(BASE + "/device/by-owner?ownerEmail=" + owner.email(), owner.token());
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(names(mine)).containsExactly("First", "Second");
        assertThat(mine.body().get("totalElements").asLong()).isEqualTo(2);
        assertThat(names(api.get(BASE + "/device/by-owner?size=1&ownerEmail=" + owner.email(), tenant.token())))
                .containsExactly("First");
        assertThat(api.get(BASE + "/device/by-owner?ownerEmail=" + owner.email() + "&orgId=" + tenant.organizationId(),
                tenant.token()).body().get("totalElements").asLong()).isEqualTo(2);

        Member orgViewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/by-owner?ownerEmail=" + owner.email(), orgViewer.token()), 403, "ORG_VIEW_USERS");
        Member usersOnly = blynk.member(tenant, "ORG_VIEW_USERS", "OWN_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/by-owner?ownerEmail=" + owner.email(), usersOnly.token()), 403, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/by-owner?ownerEmail=nobody@example.com", tenant.token()), 404, "User not found");
        assertBlynkError(api.get(BASE + "/device/by-owner", tenant.token()), 400, "ownerEmail");
        assertBlynkError(api.get(BASE + "/device/by-owner?ownerEmail=" + owner.email() + "&size=1001", tenant.token()), 400,
                "requested page size is too big");
    }

    @Test
    void listsTheDevicesAUserCanAccessInItsOrganization() {
        Member orgWide = blynk.member(tenant, "ORG_DEVICES_VIEW");
        Member ownOnly = blynk.member(tenant, "OWN_DEVICES_VIEW");
        blynk.createOwned(tenant.token(), template, "Owned", ownOnly.id());
        blynk.create(tenant.token(), template, "Shared");

        Api.Response self = api.get(BASE + "/device/by-user-org?userEmail=" + orgWide.email(), orgWide.token());
        assertThat(self.status()).as(self.text()).isEqualTo(200);
        assertThat(names(self)).containsExactly("Owned", "Shared");
        assertThat(names(api.get(BASE + "/device/by-user-org?userEmail=" + ownOnly.email(), tenant.token()))).containsExactly("Owned");

        assertBlynkError(api.get(BASE + "/device/by-user-org?userEmail=" + ownOnly.email(), orgWide.token()), 403, "ORG_VIEW_USERS");
        assertBlynkError(api.get(BASE + "/device/by-user-org?userEmail=" + ownOnly.email(), ownOnly.token()), 403, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/by-user-org?userEmail=ghost@example.com", tenant.token()), 404, "User not found");
    }

    @Test
    void listsTheDevicesActivatedInTheLastMinutes() {
        Member owner = blynk.member(tenant, "OWN_DEVICES_VIEW");
        long active = blynk.createOwned(tenant.token(), template, "Active", owner.id()).get("id").asLong();
        blynk.create(tenant.token(), template, "Never Connected");
        // The first connection of the device activates it.
        JsonNode core = blynk.core(tenant.token(), active);
        Mqtt5BlockingClient client = Mqtt.client(core.get("uid").asString(), core.get("token").asString());
        client.connect();
        client.disconnect();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !blynk.core(tenant.token(), active).get("activatedAt").isNull());

        Api.Response recent = api.get(BASE + "/device/last-activated", tenant.token());
        assertThat(recent.status()).as(recent.text()).isEqualTo(200);
        assertThat(recent.body()).hasSize(1);
        JsonNode entry = recent.body().get(0);
        assertThat(entry.get("id").asLong()).isEqualTo(active);
        assertThat(entry.get("orgId").asLong()).isEqualTo(tenant.organizationId());
        assertThat(entry.get("templateId").asLong()).isEqualTo(blynk.templateNumber(tenant.token(), template));
        assertThat(entry.get("ownerUserId").asLong()).isEqualTo(owner.id());
        assertThat(entry.get("activationTime").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(api.get(BASE + "/device?deviceId=" + active, tenant.token()).body().get("activatedAt").asLong())
                .isEqualTo(entry.get("activationTime").asLong());
        assertThat(api.get(BASE + "/device/last-activated?minutes=60&orgId=" + tenant.organizationId(), tenant.token()).body())
                .hasSize(1);

        assertBlynkError(api.get(BASE + "/device/last-activated?minutes=0", tenant.token()), 400, "minutes");
        assertBlynkError(api.get(BASE + "/device/last-activated?minutes=61", tenant.token()), 400, "minutes");
        assertBlynkError(api.get(BASE + "/device/last-activated", owner.token()), 403, "ORG_DEVICES_VIEW");
        assertBlynkError(api.get(BASE + "/device/last-activated?orgId=" + fixtures.tenant().organizationId(), tenant.token()), 404,
                "Organization not found or access denied");
    }

    @Test
    void readsAndUpdatesMetafieldsValidatedByType() {
        long floor = metafield("Floor", "NUMBER", Map.of("min", 0, "max", 10));
        long location = metafield("Location", "TEXT", Map.of());
        long id = blynk.create(tenant.token(), template, "Meta").get("id").asLong();

        Api.Response set = api.post(BASE + "/device/metafield", tenant.token(),
                Map.of("deviceId", id, "metaFieldId", location, "newValue", "Warehouse Aisle 3"));
        assertThat(set.status()).as(set.text()).isEqualTo(204);
        assertThat(api.post(BASE + "/device/metafield", tenant.token(),
                Map.of("deviceId", id, "metaFieldId", floor, "newValue", "7")).status()).isEqualTo(204);

        Api.Response fields = api.get(BASE + "/device/metafield?deviceId=" + id, tenant.token());
        assertThat(fields.status()).isEqualTo(200);
        JsonNode number = fields.body().get(0);
        assertThat(number.get("id").asLong()).isEqualTo(floor);
        assertThat(number.get("name").asString()).isEqualTo("Floor");
        assertThat(number.get("isMandatory").asBoolean()).isFalse();
        assertThat(number.get("includeInProvision").asBoolean()).isFalse();
        assertThat(number.get("value").get("type").asString()).isEqualTo("Number");
        assertThat(number.get("value").get("value").asInt()).isEqualTo(7);
        assertThat(fields.body().get(1).get("value").get("type").asString()).isEqualTo("Text");
        assertThat(fields.body().get(1).get("value").get("value").asString()).isEqualTo("Warehouse Aisle 3");

        assertBlynkError(api.post(BASE + "/device/metafield", tenant.token(),
                Map.of("deviceId", id, "metaFieldId", floor, "newValue", "eleven")), 400, "The provided value for metafield is invalid");
        assertBlynkError(api.post(BASE + "/device/metafield", tenant.token(),
                Map.of("deviceId", id, "metaFieldId", floor, "newValue", "11")), 400, "invalid");
        assertBlynkError(api.post(BASE + "/device/metafield", tenant.token(),
                Map.of("deviceId", id, "metaFieldId", location, "newValue", "x".repeat(201))), 400, "200");
        assertBlynkError(api.post(BASE + "/device/metafield", tenant.token(),
                Map.of("deviceId", id, "metaFieldId", 999999999, "newValue", "1")), 404, "Metafield not found or access denied");
        Member viewer = blynk.member(tenant, "ORG_DEVICES_VIEW");
        assertBlynkError(api.post(BASE + "/device/metafield", viewer.token(),
                Map.of("deviceId", id, "metaFieldId", floor, "newValue", "3")), 403, "ORG_DEVICES_EDIT");
        assertThat(api.get(BASE + "/device/metafield?deviceId=" + id, viewer.token()).body().get(0).get("value").get("value").asInt())
                .isEqualTo(7);
    }

    @Test
    void answersTooManyRequestsInBlynksFormat() {
        Member busy = blynk.member(tenant, "ORG_DEVICES_VIEW");
        Api.Response last = null;
        for (int i = 0; i < 700 && (last == null || last.status() != 429); i++) {
            last = api.get(BASE + "/devices?size=1", busy.token());
        }
        assertBlynkError(last, 429, "Rate limit");
        assertThat(last.header("Retry-After")).isPresent();
    }

    private long metafield(String name, String type, Map<String, Object> options) {
        Api.Response field = api.post("/rest/v1/templates/" + template + "/metafields", tenant.token(),
                Map.of("name", name, "type", type, "options", options));
        assertThat(field.status()).as(field.text()).isEqualTo(201);
        return field.body().get("id").asLong();
    }
}
