package dev.moor.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moor.auth.DeviceCredentials;
import dev.moor.auth.User;
import dev.moor.auth.UserService;
import dev.moor.organization.OrganizationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.SubOrganizations;
import dev.moor.shared.UserId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The device registry. Who sees a device follows the Blynk.Cloud rules: ORG_DEVICES_VIEW sees every
 * device in reach; OWN_DEVICES_VIEW alone sees, and acts on, only the devices the caller's user owns.
 * A device out of sight is reported as not found.
 */
@Service
public class DeviceService {

    /** Letters, digits, spaces, apostrophes, underscores and hyphens; 1 to 50 (Blynk's device name rule). */
    public static final Pattern NAME_RULE = Pattern.compile("^[A-Za-z0-9 '_-]{1,50}$");
    private static final Pattern UID_PREFIX = Pattern.compile("^[a-z0-9]{1,32}$");
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("number", "string", "boolean", "gps", "blob");
    private static final String UID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceStore devices;
    private final TemplateService templates;
    private final TagService tags;
    private final OrganizationService organizations;
    private final UserService users;
    private final DeviceCredentials credentials;
    private final ApplicationEventPublisher events;
    private final PlatformService platforms;
    private final Clock clock = Clock.systemUTC();

    DeviceService(DeviceStore devices, TemplateService templates, TagService tags, OrganizationService organizations,
            UserService users, DeviceCredentials credentials, ApplicationEventPublisher events, PlatformService platforms) {
        this.platforms = platforms;
        this.events = events;
        this.devices = devices;
        this.templates = templates;
        this.tags = tags;
        this.organizations = organizations;
        this.users = users;
        this.credentials = credentials;
    }

    /** The longest window {@link #lastActivated} looks back over. */
    public static final Duration MAX_ACTIVATION_WINDOW = Duration.ofDays(1);

    /** What a new device is made of. Absent organization: the caller's. */
    public record NewDevice(String name, String templateId, Optional<OrganizationId> organization, Optional<UserId> owner,
            Optional<String> description, List<Device.KeyValue> tags, List<Device.Attribute> attributes,
            Optional<DeviceClass> deviceClass, Optional<String> platform, Optional<String> board,
            Optional<String> boardVariant, Optional<JsonNode> meta) {
    }

    /** A change to a device; absent parts stay as they are. */
    public record DeviceChange(Optional<String> name, Optional<String> description, Optional<List<Device.KeyValue>> tags,
            Optional<List<Device.Attribute>> attributes, Optional<DeviceClass> deviceClass, Optional<String> platform,
            Optional<String> board, Optional<String> boardVariant, Optional<JsonNode> meta) {

        /** The names of the fields this change sets. */
        public List<String> fields() {
            List<String> fields = new java.util.ArrayList<>();
            name.ifPresent(value -> fields.add("name"));
            description.ifPresent(value -> fields.add("description"));
            tags.ifPresent(value -> fields.add("tags"));
            attributes.ifPresent(value -> fields.add("attributes"));
            deviceClass.ifPresent(value -> fields.add("deviceClass"));
            platform.ifPresent(value -> fields.add("platform"));
            board.ifPresent(value -> fields.add("board"));
            boardVariant.ifPresent(value -> fields.add("boardVariant"));
            meta.ifPresent(value -> fields.add("meta"));
            return fields;
        }

        public static DeviceChange rename(String name) {
            return new DeviceChange(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * Creates a device from a template (absent: the organization's default template) with a new uid and device token. Needs ORG_DEVICES_CREATE, and
     * ORG_VIEW_USERS to make another user the owner (Blynk's rule for "ownerId").
     */
    @Transactional
    public Device create(Caller caller, NewDevice device) {
        caller.require(Permission.ORG_DEVICES_CREATE);
        String name = validName(device.name());
        OrganizationId organization = device.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        // Without a template the device gets its organization's default one (Losant devices have none).
        Template template = device.templateId() == null || device.templateId().isBlank()
                ? templates.getOrCreateDefault(organization)
                : templates.getUsable(device.templateId(), organization);
        Long owner = device.owner().map(ownerId -> validOwner(caller, ownerId).id()).orElse(null);
        PlatformService.Hardware hardware = platforms.resolve(device.platform(), device.board(), device.boardVariant());
        String platform = hardware.platform().orElse(null);
        long id = devices.insert(new DeviceStore.NewRow(newUid(platform), name, device.description().orElse(null),
                template.id(), organization, owner, credentials.issue(), device.deviceClass().orElse(DeviceClass.STANDALONE),
                platform, hardware.board().orElse(null), hardware.boardVariant().orElse(null),
                validAttributes(device.attributes()), validMeta(device.meta())));
        devices.replaceTags(new DeviceId(id), validTags(device.tags()));
        Device created = devices.find(new DeviceId(id)).orElseThrow();
        events.publishEvent(new DeviceCreated(created.deviceId(), created.uid(), created.createdAt()));
        return created;
    }

    /** Returns a device the caller may see, or throws DEVICE_NOT_FOUND. */
    public Device get(Caller caller, DeviceId id) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return devices.find(id).filter(device -> canSee(caller, device)).orElseThrow(() -> notFound(id));
    }

    /**
     * Devices matching the search in the named organization (default: the caller's), optionally with
     * those below it. Callers with OWN_DEVICES_VIEW alone get only their own devices.
     */
    public Page<Device> search(Caller caller, DeviceSearch search, PageRequest page) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        OrganizationId root = search.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, root);
        List<Long> scope = search.subOrganizations() == SubOrganizations.INCLUDED
                ? organizations.subtree(root) : List.of(root.value());
        Optional<UserId> ownedBy = caller.has(Permission.ORG_DEVICES_VIEW)
                ? Optional.empty() : Optional.of(caller.userId().orElse(new UserId(-1)));
        return Page.of(devices.search(scope, search, ownedBy, page), devices.count(scope, search, ownedBy), page);
    }

    /**
     * Every device in the named organization (default: the caller's), optionally with those below it,
     * never narrowed to the caller's own devices. Needs ORG_DEVICES_VIEW: this is the organization-wide
     * listing, where {@link #search} also serves callers that may see only their own devices.
     */
    public Page<Device> searchOrganization(Caller caller, DeviceSearch search, PageRequest page) {
        caller.require(Permission.ORG_DEVICES_VIEW);
        return search(caller, search, page);
    }

    /**
     * Makes {@code newOwner} the owner of a device the caller may see. Needs TRANSFER_DEVICE, and
     * ORG_VIEW_USERS unless the new owner is the caller's own user. The new owner must exist within the
     * caller's reach (USER_NOT_FOUND) and be activated (USER_NOT_ACTIVATED); it may not already own the
     * device (VALIDATION_FAILED). The device stays in its organization. Publishes {@link DeviceOwnerChanged}.
     */
    @Transactional
    public Device transferToOwner(Caller caller, DeviceId id, UserId newOwner) {
        caller.require(Permission.TRANSFER_DEVICE);
        Device device = get(caller, id);
        User owner = validOwner(caller, newOwner);
        if (!owner.activated()) {
            throw new DomainException(ErrorCode.USER_NOT_ACTIVATED, "User " + newOwner + " is not activated.");
        }
        if (device.ownerUserId() != null && device.ownerUserId() == owner.id()) {
            throw DomainException.invalid("Can't transfer to the same owner: user " + newOwner + " already owns device " + id + ".");
        }
        devices.setOwner(id, owner.id());
        events.publishEvent(new DeviceOwnerChanged(id, device.organization(), ownerOf(device), Optional.of(owner.userId()),
                caller.userId(), clock.instant()));
        return devices.find(id).orElseThrow();
    }

    /**
     * Moves a device the caller may see to another organization within the caller's reach, without an
     * owner. Needs TRANSFER_DEVICE and ORG_VIEW. The device's template must serve the destination (its
     * organization or one above it); organization tags that do not reach the destination are removed.
     * Throws ORGANIZATION_NOT_FOUND for a destination out of reach and VALIDATION_FAILED for the device's
     * own organization. Publishes {@link DeviceTransferred}, then {@link DeviceOwnerChanged} if it had an owner.
     */
    @Transactional
    public Device transferToOrganization(Caller caller, DeviceId id, OrganizationId destination) {
        caller.require(Permission.TRANSFER_DEVICE, Permission.ORG_VIEW);
        Device device = get(caller, id);
        organizations.requireReach(caller, destination);
        if (device.organization().equals(destination)) {
            throw DomainException.invalid("Device " + id + " already belongs to organization " + destination + ".");
        }
        Template template = templates.find(device.templateId()).orElseThrow();
        if (!organizations.isWithin(destination, new OrganizationId(template.organizationId()))) {
            throw DomainException.invalid("Template " + template.id() + " of device " + id
                    + " does not serve organization " + destination + ": it belongs to organization "
                    + template.organizationId() + ", which is not above it.");
        }
        devices.moveTo(id, destination);
        Instant now = clock.instant();
        events.publishEvent(new DeviceTransferred(id, device.organization(), destination, caller.userId(), now));
        if (device.ownerUserId() != null) {
            events.publishEvent(new DeviceOwnerChanged(id, destination, ownerOf(device), Optional.empty(), caller.userId(), now));
        }
        return devices.find(id).orElseThrow();
    }

    /**
     * Leaves a device the caller may see without an owner. Needs ORG_DEVICES_EDIT. A device without an
     * owner stays as it is; otherwise publishes {@link DeviceOwnerChanged}.
     */
    @Transactional
    public Device removeOwner(Caller caller, DeviceId id) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = get(caller, id);
        if (device.ownerUserId() == null) {
            return device;
        }
        devices.setOwner(id, null);
        events.publishEvent(new DeviceOwnerChanged(id, device.organization(), ownerOf(device), Optional.empty(),
                caller.userId(), clock.instant()));
        return devices.find(id).orElseThrow();
    }

    /**
     * Devices of the named organization (default: the caller's) activated within the last {@code window},
     * newest activation first, at most {@link PageRequest#MAX_SIZE}. Needs ORG_DEVICES_VIEW. The window
     * must be positive and at most {@link #MAX_ACTIVATION_WINDOW}.
     */
    public List<Device> lastActivated(Caller caller, Optional<OrganizationId> organization, Duration window) {
        caller.require(Permission.ORG_DEVICES_VIEW);
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_ACTIVATION_WINDOW) > 0) {
            throw DomainException.invalid("The activation window must be between 1 minute and 24 hours.");
        }
        OrganizationId scope = organization.orElse(caller.organizationId());
        organizations.requireReach(caller, scope);
        return devices.activatedSince(scope, clock.instant().minus(window), PageRequest.MAX_SIZE);
    }

    /**
     * Devices owned by the user with {@code ownerEmail}, in the named organization or, when absent, anywhere
     * in the caller's reach. For the caller's own user this needs OWN_DEVICES_VIEW or ORG_DEVICES_VIEW; for
     * another user both ORG_VIEW_USERS and ORG_DEVICES_VIEW. Throws USER_NOT_FOUND for an email out of reach.
     */
    public Page<Device> ownedBy(Caller caller, String ownerEmail, Optional<OrganizationId> organization, PageRequest page) {
        User owner = userByEmail(caller, ownerEmail);
        if (caller.isUser(owner.userId())) {
            caller.requireAny(Permission.OWN_DEVICES_VIEW, Permission.ORG_DEVICES_VIEW);
        } else {
            caller.require(Permission.ORG_VIEW_USERS, Permission.ORG_DEVICES_VIEW);
        }
        organization.ifPresent(org -> organizations.requireReach(caller, org));
        List<Long> scope = organization.map(org -> List.of(org.value()))
                .orElseGet(() -> organizations.subtree(caller.organizationId()));
        DeviceSearch search = ownerSearch(Optional.of(owner.userId()));
        return Page.of(devices.search(scope, search, Optional.empty(), page), devices.count(scope, search, Optional.empty()), page);
    }

    /**
     * The devices the user with {@code userEmail} can access in its own organization, as that user's
     * permissions (not the caller's) decide: all of them with ORG_DEVICES_VIEW, its own with
     * OWN_DEVICES_VIEW, none otherwise. Needs ORG_DEVICES_VIEW, and ORG_VIEW_USERS for another user than
     * the caller's own. Throws USER_NOT_FOUND for an email out of reach.
     */
    public Page<Device> accessibleBy(Caller caller, String userEmail, PageRequest page) {
        caller.require(Permission.ORG_DEVICES_VIEW);
        User user = userByEmail(caller, userEmail);
        if (!caller.isUser(user.userId())) {
            caller.require(Permission.ORG_VIEW_USERS);
        }
        List<Long> scope = List.of(user.organizationId());
        Optional<UserId> ownedBy;
        if (user.permissions().contains(Permission.ORG_DEVICES_VIEW)) {
            ownedBy = Optional.empty();
        } else if (user.permissions().contains(Permission.OWN_DEVICES_VIEW)) {
            ownedBy = Optional.of(user.userId());
        } else {
            return Page.of(List.of(), 0, page);
        }
        DeviceSearch search = ownerSearch(Optional.empty());
        return Page.of(devices.search(scope, search, ownedBy, page), devices.count(scope, search, ownedBy), page);
    }

    /**
     * Every device of one organization matching the search, page by page, with no permission check: for
     * background jobs (exports) whose permission was checked when they were started.
     */
    public Page<Device> searchUnchecked(OrganizationId organization, DeviceSearch search, PageRequest page) {
        List<Long> scope = search.subOrganizations() == SubOrganizations.INCLUDED
                ? organizations.subtree(organization) : List.of(organization.value());
        return Page.of(devices.search(scope, search, Optional.empty(), page), devices.count(scope, search, Optional.empty()), page);
    }

    /**
     * Every device matching the search that the caller may see, read page by page: for vendor APIs whose
     * device lists are not paged. Same permission rules as {@link #search}.
     */
    public List<Device> searchAll(Caller caller, DeviceSearch search) {
        List<Device> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            Page<Device> batch = search(caller, search, new PageRequest(page, PageRequest.MAX_SIZE));
            all.addAll(batch.content());
            if (batch.content().size() < PageRequest.MAX_SIZE) {
                return all;
            }
        }
    }

    /** Needs ORG_DEVICES_EDIT on a device the caller may see. Tags, when given, replace the old ones. */
    @Transactional
    public Device update(Caller caller, DeviceId id, DeviceChange change) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = get(caller, id);
        PlatformService.Hardware hardware = changesHardware(change)
                ? platforms.resolve(change.platform().or(() -> Optional.ofNullable(device.platform())),
                        change.board().or(() -> Optional.ofNullable(device.board())),
                        change.boardVariant().or(() -> Optional.ofNullable(device.boardVariant())))
                : new PlatformService.Hardware(Optional.ofNullable(device.platform()), Optional.ofNullable(device.board()),
                        Optional.ofNullable(device.boardVariant()));
        devices.update(id, new DeviceStore.Change(
                change.name().map(DeviceService::validName).orElse(device.name()),
                change.description().orElse(device.description()),
                change.deviceClass().orElse(device.deviceClass()),
                hardware.platform().orElse(null),
                hardware.board().orElse(null),
                hardware.boardVariant().orElse(null),
                change.attributes().map(DeviceService::validAttributes).orElse(device.attributes()),
                change.meta().map(meta -> validMeta(Optional.of(meta))).orElse(device.meta())));
        change.tags().ifPresent(newTags -> devices.replaceTags(id, validTags(newTags)));
        List<String> fields = change.fields();
        if (!fields.isEmpty()) {
            events.publishEvent(new DeviceMetadataChanged(id, fields, caller.userId(), clock.instant()));
        }
        return devices.find(id).orElseThrow();
    }

    /** Needs ORG_DEVICES_DELETE on a device the caller may see. Deletes the device and all its data. */
    @Transactional
    public void delete(Caller caller, DeviceId id) {
        caller.require(Permission.ORG_DEVICES_DELETE);
        Device device = get(caller, id);
        events.publishEvent(new DeviceDeleted(id, device.uid()));
        devices.delete(id);
    }

    /**
     * The device a device token belongs to, for device-facing surfaces (MQTT, the HTTP device API). Empty for
     * an unknown token, or the token of a deleted device. No caller: the token itself is the credential.
     */
    public Optional<Device> findByToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        return devices.findByTokenIndex(credentials.index(token));
    }

    /** The device with this uid, with no permission check: for device-facing surfaces only. */
    public Optional<Device> findByUid(String uid) {
        return devices.findByUid(uid);
    }

    /**
     * Records that the device has connected at {@code at}: its status becomes {@code online}, and on its very
     * first connection its activation time is set and {@link DeviceActivated} is published (in this transaction).
     */
    @Transactional
    public void recordOnline(DeviceId id, Instant at) {
        devices.activate(id, at).ifPresent(organization -> events.publishEvent(new DeviceActivated(id, organization, at)));
        devices.markOnline(id);
    }

    /** Records that the device's last session has ended: its status becomes {@code offline}. */
    @Transactional
    public void recordOffline(DeviceId id) {
        devices.markOffline(id);
    }

    /** The device's values for every metafield its template defines. */
    public List<MetafieldValue> metafields(Caller caller, DeviceId id) {
        Device device = get(caller, id);
        return devices.metafieldValues(id, templates.metafieldsOf(device.templateId()));
    }

    /** Sets one metafield value, validated by the metafield's type. Needs ORG_DEVICES_EDIT. */
    @Transactional
    public MetafieldValue setMetafield(Caller caller, DeviceId id, long metafieldId, JsonNode value) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = get(caller, id);
        List<Metafield> definitions = templates.metafieldsOf(device.templateId());
        Metafield metafield = definitions.stream().filter(definition -> definition.id() == metafieldId).findFirst()
                .orElseThrow(() -> TemplateService.metafieldNotFound(metafieldId));
        devices.setMetafield(id, metafieldId, metafield.type().validate(value, metafield.options()));
        events.publishEvent(new DeviceMetadataChanged(id, List.of("metafield:" + metafield.name()), caller.userId(),
                clock.instant()));
        return devices.metafieldValues(id, List.of(metafield)).getFirst();
    }

    /** Organization tags on the device. Needs VIEW_OWN_ORG_TAG. */
    public List<Tag> organizationTags(Caller caller, DeviceId id) {
        caller.require(Permission.VIEW_OWN_ORG_TAG);
        return tags.ofDevice(get(caller, id).id());
    }

    @Transactional
    public List<Tag> assignTag(Caller caller, DeviceId id, long tagId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = get(caller, id);
        tags.assign(caller, device, tagId);
        return tags.ofDevice(device.id());
    }

    @Transactional
    public List<Tag> unassignTag(Caller caller, DeviceId id, long tagId) {
        caller.require(Permission.ORG_DEVICES_EDIT);
        Device device = get(caller, id);
        tags.unassign(device, tagId);
        return tags.ofDevice(device.id());
    }

    /** The device if the caller may see it; empty for an unknown id or a device out of sight. */
    public Optional<Device> find(Caller caller, DeviceId id) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return devices.find(id).filter(device -> canSee(caller, device));
    }

    /**
     * Returns the device with this uid if the caller may see it, or throws DEVICE_NOT_FOUND (also for a uid
     * of another tenant, so that its existence does not leak).
     */
    public Device getByUid(Caller caller, String uid) {
        caller.requireAny(Permission.ORG_DEVICES_VIEW, Permission.OWN_DEVICES_VIEW);
        return devices.findIdByUid(uid).flatMap(devices::find).filter(device -> canSee(caller, device))
                .orElseThrow(() -> new DomainException(ErrorCode.DEVICE_NOT_FOUND, "Device " + uid + " was not found."));
    }

    private static boolean changesHardware(DeviceChange change) {
        return change.platform().isPresent() || change.board().isPresent() || change.boardVariant().isPresent();
    }

    private boolean canSee(Caller caller, Device device) {
        if (!organizations.isWithin(device.organization(), caller.organizationId())) {
            return false;
        }
        return caller.has(Permission.ORG_DEVICES_VIEW)
                || device.ownerUserId() != null && caller.isUser(new UserId(device.ownerUserId()));
    }

    private User userByEmail(Caller caller, String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            throw DomainException.invalid("A user email is required.");
        }
        return users.findByEmailWithinReach(caller, email.strip())
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "User " + email.strip() + " was not found."));
    }

    private static DeviceSearch ownerSearch(Optional<UserId> owner) {
        return new DeviceSearch(Optional.empty(), List.of(), owner, Optional.empty(), Optional.empty(), Optional.empty(),
                SubOrganizations.EXCLUDED, DeviceSearch.Sort.DEFAULT);
    }

    private static Optional<UserId> ownerOf(Device device) {
        return Optional.ofNullable(device.ownerUserId()).map(UserId::new);
    }

    private User validOwner(Caller caller, UserId ownerId) {
        if (!caller.isUser(ownerId)) {
            caller.require(Permission.ORG_VIEW_USERS);
        }
        return users.findWithinReach(caller, ownerId).orElseThrow(() -> UserService.notFound(ownerId));
    }

    /** Throws DEVICE_NAME_INVALID unless the name follows {@link #NAME_RULE}. */
    public static String validName(String name) {
        if (name == null || !NAME_RULE.matcher(name).matches()) {
            throw new DomainException(ErrorCode.DEVICE_NAME_INVALID,
                    "name must have 1 to 50 characters: letters, digits, spaces, apostrophes, underscores and hyphens.");
        }
        return name;
    }

    private static List<Device.KeyValue> validTags(List<Device.KeyValue> tags) {
        if (tags.size() > 100) {
            throw DomainException.invalid("A device has at most 100 tags.");
        }
        return tags.stream().map(tag -> {
            if (tag == null || tag.key() == null || tag.key().isBlank() || tag.key().length() > 255
                    || tag.value() != null && tag.value().length() > 255) {
                throw DomainException.invalid("Each tag needs a key of 1 to 255 characters and a value of at most 255.");
            }
            return new Device.KeyValue(tag.key(), tag.value() == null ? "" : tag.value());
        }).toList();
    }

    private static List<Device.Attribute> validAttributes(List<Device.Attribute> attributes) {
        for (Device.Attribute attribute : attributes) {
            if (attribute == null || attribute.name() == null || attribute.name().isBlank() || attribute.name().length() > 255
                    || !ATTRIBUTE_TYPES.contains(attribute.dataType())) {
                throw DomainException.invalid("Each attribute needs a name and a dataType of " + ATTRIBUTE_TYPES + ".");
            }
        }
        return List.copyOf(attributes);
    }

    private static JsonNode validMeta(Optional<JsonNode> meta) {
        JsonNode value = meta.orElse(JsonNodeFactory.instance.objectNode());
        if (!value.isObject()) {
            throw DomainException.invalid("meta must be a JSON object.");
        }
        return value;
    }

    /** A uid like {@code espressif8266_G8VfdNhn7jqN}: the platform key (or "device") and 12 random characters. */
    private static String newUid(String platform) {
        String prefix = platform != null && UID_PREFIX.matcher(platform).matches() ? platform : "device";
        StringBuilder uid = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 12; i++) {
            uid.append(UID_ALPHABET.charAt(RANDOM.nextInt(UID_ALPHABET.length())));
        }
        return uid.toString();
    }

    static DomainException notFound(DeviceId id) {
        return new DomainException(ErrorCode.DEVICE_NOT_FOUND, "Device " + id + " was not found.");
    }
}
