package dev.moor.device;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.SubOrganizations;
import dev.moor.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/rest/v1/devices")
class DeviceController {

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    record CreateDevice(String name, String templateId, Long organizationId, Long ownerUserId, String description,
            List<Device.KeyValue> tags, List<Device.Attribute> attributes, DeviceClass deviceClass, String platform,
            String board, String boardVariant, JsonNode meta) {
    }

    record UpdateDevice(String name, String description, List<Device.KeyValue> tags, List<Device.Attribute> attributes,
            DeviceClass deviceClass, String platform, String board, String boardVariant, JsonNode meta) {
    }

    record SetMetafield(@NotNull JsonNode value) {
    }

    record TransferToOwner(@NotNull Long ownerUserId) {
    }

    record TransferToOrganization(@NotNull Long organizationId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Device create(Caller caller, @RequestBody CreateDevice request) {
        return devices.create(caller, new DeviceService.NewDevice(request.name(), request.templateId(),
                Optional.ofNullable(request.organizationId()).map(OrganizationId::new),
                Optional.ofNullable(request.ownerUserId()).map(UserId::new), Optional.ofNullable(request.description()),
                Optional.ofNullable(request.tags()).orElse(List.of()),
                Optional.ofNullable(request.attributes()).orElse(List.of()), Optional.ofNullable(request.deviceClass()),
                Optional.ofNullable(request.platform()), Optional.ofNullable(request.board()),
                Optional.ofNullable(request.boardVariant()), Optional.ofNullable(request.meta())));
    }

    /**
     * Lists devices. {@code tag} may repeat, as {@code key:value} or {@code key} (any value); {@code sort}
     * is {@code field[,asc|desc]}; {@code name} is a glob on the whole name ({@code *} and {@code ?}).
     */
    @GetMapping
    Page<Device> search(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q, @RequestParam(required = false) List<String> tag,
            @RequestParam(required = false) Long ownerUserId, @RequestParam(required = false) String templateId,
            @RequestParam(required = false) String deviceClass, @RequestParam(required = false) Long organizationId,
            @RequestParam(required = false) Boolean includeSubOrganizations, @RequestParam(required = false) String name) {
        PageRequest pageRequest = PageRequest.of(page, size);
        List<DeviceSearch.TagFilter> tagFilters = Optional.ofNullable(tag).orElse(List.of()).stream().map(filter -> {
            int colon = filter.indexOf(':');
            return colon < 0 ? new DeviceSearch.TagFilter(filter, null)
                    : new DeviceSearch.TagFilter(filter.substring(0, colon), filter.substring(colon + 1));
        }).toList();
        DeviceSearch search = new DeviceSearch(Optional.ofNullable(q), tagFilters,
                Optional.ofNullable(ownerUserId).map(UserId::new), Optional.ofNullable(templateId),
                Optional.ofNullable(deviceClass).map(DeviceClass::fromWire),
                Optional.ofNullable(organizationId).map(OrganizationId::new),
                SubOrganizations.included(includeSubOrganizations), DeviceSearch.Sort.parse(sort)).withNameGlob(name);
        return devices.search(caller, search, pageRequest);
    }

    /** Devices activated within the last {@code minutes} (1 to 1440, default 5), newest first. */
    @GetMapping("/last-activated")
    List<Device> lastActivated(Caller caller, @RequestParam(required = false) Long organizationId,
            @RequestParam(required = false) Integer minutes) {
        return devices.lastActivated(caller, Optional.ofNullable(organizationId).map(OrganizationId::new),
                Duration.ofMinutes(minutes == null ? 5 : minutes));
    }

    /** Devices owned by the user with this email, in one organization or anywhere in reach. */
    @GetMapping("/by-owner")
    Page<Device> ownedBy(Caller caller, @RequestParam String email, @RequestParam(required = false) Long organizationId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return devices.ownedBy(caller, email, Optional.ofNullable(organizationId).map(OrganizationId::new),
                PageRequest.of(page, size));
    }

    /** Devices the user with this email can access in its organization, by that user's permissions. */
    @GetMapping("/accessible-by")
    Page<Device> accessibleBy(Caller caller, @RequestParam String email, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return devices.accessibleBy(caller, email, PageRequest.of(page, size));
    }

    @PostMapping("/{id}/transfer/owner")
    Device transferToOwner(Caller caller, @PathVariable long id, @Valid @RequestBody TransferToOwner request) {
        return devices.transferToOwner(caller, new DeviceId(id), new UserId(request.ownerUserId()));
    }

    @PostMapping("/{id}/transfer/organization")
    Device transferToOrganization(Caller caller, @PathVariable long id, @Valid @RequestBody TransferToOrganization request) {
        return devices.transferToOrganization(caller, new DeviceId(id), new OrganizationId(request.organizationId()));
    }

    @DeleteMapping("/{id}/owner")
    Device removeOwner(Caller caller, @PathVariable long id) {
        return devices.removeOwner(caller, new DeviceId(id));
    }

    @GetMapping("/{id}")
    Device get(Caller caller, @PathVariable long id) {
        return devices.get(caller, new DeviceId(id));
    }

    @PatchMapping("/{id}")
    Device update(Caller caller, @PathVariable long id, @RequestBody UpdateDevice request) {
        return devices.update(caller, new DeviceId(id), new DeviceService.DeviceChange(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.description()),
                Optional.ofNullable(request.tags()), Optional.ofNullable(request.attributes()),
                Optional.ofNullable(request.deviceClass()), Optional.ofNullable(request.platform()),
                Optional.ofNullable(request.board()), Optional.ofNullable(request.boardVariant()),
                Optional.ofNullable(request.meta())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        devices.delete(caller, new DeviceId(id));
    }

    @GetMapping("/{id}/metafields")
    List<MetafieldValue> metafields(Caller caller, @PathVariable long id) {
        return devices.metafields(caller, new DeviceId(id));
    }

    @PutMapping("/{id}/metafields/{metafieldId}")
    MetafieldValue setMetafield(Caller caller, @PathVariable long id, @PathVariable long metafieldId,
            @Valid @RequestBody SetMetafield request) {
        return devices.setMetafield(caller, new DeviceId(id), metafieldId, request.value());
    }

    @GetMapping("/{id}/org-tags")
    List<Tag> organizationTags(Caller caller, @PathVariable long id) {
        return devices.organizationTags(caller, new DeviceId(id));
    }

    @PutMapping("/{id}/org-tags/{tagId}")
    List<Tag> assignTag(Caller caller, @PathVariable long id, @PathVariable long tagId) {
        return devices.assignTag(caller, new DeviceId(id), tagId);
    }

    @DeleteMapping("/{id}/org-tags/{tagId}")
    List<Tag> unassignTag(Caller caller, @PathVariable long id, @PathVariable long tagId) {
        return devices.unassignTag(caller, new DeviceId(id), tagId);
    }
}
