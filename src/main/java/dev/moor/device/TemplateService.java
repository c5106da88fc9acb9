package dev.moor.device;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.moor.organization.OrganizationService;
import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Templates and their metafield definitions. A template serves devices of its own organization and of
 * every organization below it; it is visible there too, but edited only from its own organization or above.
 */
@Service
public class TemplateService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final Pattern DATASTREAM_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private final TemplateStore templates;
    private final OrganizationService organizations;

    TemplateService(TemplateStore templates, OrganizationService organizations) {
        this.templates = templates;
        this.organizations = organizations;
    }

    public record NewTemplate(String name, Optional<String> description, Optional<OrganizationId> organization,
            List<Template.Datastream> datastreams, List<Template.EventDefinition> events) {
    }

    public record TemplateChange(Optional<String> name, Optional<String> description,
            Optional<List<Template.Datastream>> datastreams, Optional<List<Template.EventDefinition>> events) {
    }

    public record NewMetafield(String name, MetafieldType type, boolean mandatory, boolean includeInProvision,
            Optional<JsonNode> options, Optional<JsonNode> defaultValue) {
    }

    public record MetafieldChange(Optional<String> name, Optional<Boolean> mandatory, Optional<Boolean> includeInProvision,
            Optional<JsonNode> options, Optional<JsonNode> defaultValue) {
    }

    /** Needs TEMPLATES_EDIT. The organization defaults to the caller's. */
    @Transactional
    public Template create(Caller caller, NewTemplate template) {
        caller.require(Permission.TEMPLATES_EDIT);
        OrganizationId organization = template.organization().orElse(caller.organizationId());
        organizations.requireReach(caller, organization);
        return templates.insert(newId(), validName(template.name()), template.description().orElse(null), organization,
                validDatastreams(template.datastreams()), validEvents(template.events()));
    }

    /** A template the caller may see (its own organization's, one below, or one above). Needs TEMPLATES_VIEW. */
    public Template get(Caller caller, String id) {
        caller.require(Permission.TEMPLATES_VIEW);
        return visible(caller, id);
    }

    /** Templates of the caller's organization and those below it. Needs TEMPLATES_VIEW. */
    public Page<Template> list(Caller caller, PageRequest page) {
        caller.require(Permission.TEMPLATES_VIEW);
        List<Long> scope = organizations.subtree(caller.organizationId());
        return Page.of(templates.page(scope, page), templates.count(scope), page);
    }

    @Transactional
    public Template update(Caller caller, String id, TemplateChange change) {
        Template template = editable(caller, id);
        return templates.update(id, change.name().map(TemplateService::validName).orElse(template.name()),
                change.description().orElse(template.description()),
                change.datastreams().map(TemplateService::validDatastreams).orElse(template.datastreams()),
                change.events().map(TemplateService::validEvents).orElse(template.events()));
    }

    /** Needs TEMPLATES_EDIT. Throws TEMPLATE_IN_USE while devices use it. */
    @Transactional
    public void delete(Caller caller, String id) {
        editable(caller, id);
        try {
            templates.delete(id);
        } catch (DataIntegrityViolationException inUse) {
            throw new DomainException(ErrorCode.TEMPLATE_IN_USE, "Template " + id + " still has devices.");
        }
    }

    public List<Metafield> metafields(Caller caller, String templateId) {
        caller.require(Permission.TEMPLATES_VIEW);
        visible(caller, templateId);
        return templates.metafields(templateId);
    }

    /** Metafield definitions of a template, with no permission check: for services showing a device's values. */
    public List<Metafield> metafieldsOf(String templateId) {
        return templates.metafields(templateId);
    }

    @Transactional
    public Metafield createMetafield(Caller caller, String templateId, NewMetafield metafield) {
        editable(caller, templateId);
        String name = validName(metafield.name());
        if (metafield.type() == null) {
            throw DomainException.invalid("type is required: one of " + List.of(MetafieldType.values()) + ".");
        }
        if (templates.metafieldNameTaken(templateId, name)) {
            throw metafieldNameTaken(name);
        }
        JsonNode options = metafield.options().orElse(JsonNodeFactory.instance.objectNode());
        JsonNode defaultValue = metafield.defaultValue().map(value -> metafield.type().validate(value, options)).orElse(null);
        return templates.insertMetafield(templateId, name, metafield.type(), metafield.mandatory(),
                metafield.includeInProvision(), options, defaultValue);
    }

    public Metafield getMetafield(Caller caller, String templateId, long metafieldId) {
        caller.require(Permission.TEMPLATES_VIEW);
        visible(caller, templateId);
        return templates.findMetafield(metafieldId).filter(found -> found.templateId().equals(templateId))
                .orElseThrow(() -> metafieldNotFound(metafieldId));
    }

    @Transactional
    public Metafield updateMetafield(Caller caller, String templateId, long metafieldId, MetafieldChange change) {
        editable(caller, templateId);
        Metafield metafield = templates.findMetafield(metafieldId).filter(found -> found.templateId().equals(templateId))
                .orElseThrow(() -> metafieldNotFound(metafieldId));
        String name = change.name().map(TemplateService::validName).orElse(metafield.name());
        if (!name.equals(metafield.name()) && templates.metafieldNameTaken(templateId, name)) {
            throw metafieldNameTaken(name);
        }
        JsonNode options = change.options().orElse(metafield.options());
        JsonNode defaultValue = change.defaultValue().map(value -> metafield.type().validate(value, options))
                .orElse(metafield.defaultValue());
        return templates.updateMetafield(metafieldId, name, change.mandatory().orElse(metafield.mandatory()),
                change.includeInProvision().orElse(metafield.includeInProvision()), options, defaultValue);
    }

    @Transactional
    public void deleteMetafield(Caller caller, String templateId, long metafieldId) {
        editable(caller, templateId);
        templates.findMetafield(metafieldId).filter(found -> found.templateId().equals(templateId))
                .orElseThrow(() -> metafieldNotFound(metafieldId));
        templates.deleteMetafield(metafieldId);
    }

    /**
     * The template a device of {@code deviceOrganization} may use: one of that organization or of an
     * organization above it. Throws TEMPLATE_NOT_FOUND otherwise.
     */
    public Template getUsable(String id, OrganizationId deviceOrganization) {
        return templates.find(id)
                .filter(template -> organizations.isWithin(deviceOrganization, new OrganizationId(template.organizationId())))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * The organization's default template, which devices created without a template get; made (empty, named
     * "Default") on first use. Safe against concurrent first uses.
     */
    @Transactional
    public Template getOrCreateDefault(OrganizationId organization) {
        return templates.findDefault(organization).orElseGet(() -> {
            templates.insertDefaultIfAbsent(newId(), organization);
            return templates.findDefault(organization).orElseThrow();
        });
    }

    /** Finds a template by id with no permission check: for services that already hold a device. */
    public Optional<Template> find(String id) {
        return templates.find(id);
    }

    private Template visible(Caller caller, String id) {
        return templates.find(id).filter(template -> {
            OrganizationId owner = new OrganizationId(template.organizationId());
            return organizations.isWithin(owner, caller.organizationId())
                    || organizations.isWithin(caller.organizationId(), owner);
        }).orElseThrow(() -> notFound(id));
    }

    private Template editable(Caller caller, String id) {
        caller.require(Permission.TEMPLATES_EDIT);
        Template template = visible(caller, id);
        if (!organizations.isWithin(new OrganizationId(template.organizationId()), caller.organizationId())) {
            throw new DomainException(ErrorCode.PERMISSION_DENIED,
                    "Template " + id + " belongs to an organization above this token's and cannot be changed from here.");
        }
        return template;
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("TMPL");
        for (int i = 0; i < 9; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalid("name must have 1 to 100 characters.");
        }
        return name.strip();
    }

    private static List<Template.Datastream> validDatastreams(List<Template.Datastream> datastreams) {
        Set<String> names = new HashSet<>();
        for (Template.Datastream datastream : datastreams) {
            if (datastream == null || datastream.name() == null || !DATASTREAM_NAME.matcher(datastream.name()).matches()) {
                throw DomainException.invalid("Each datastream needs a name of 1 to 64 letters, digits, '_', '.' or '-'.");
            }
            if (datastream.type() == null) {
                throw DomainException.invalid("Datastream " + datastream.name() + " needs a type: INTEGER, DOUBLE, STRING, BOOLEAN or JSON.");
            }
            if (datastream.min() != null && datastream.max() != null && datastream.min() > datastream.max()) {
                throw DomainException.invalid("Datastream " + datastream.name() + " has min above max.");
            }
            if (!names.add(datastream.name())) {
                throw DomainException.invalid("Datastream " + datastream.name() + " is defined twice.");
            }
        }
        return List.copyOf(datastreams);
    }

    private static List<Template.EventDefinition> validEvents(List<Template.EventDefinition> events) {
        Set<String> codes = new HashSet<>();
        return events.stream().map(event -> {
            if (event == null || event.code() == null || event.code().isBlank() || event.code().length() > 200) {
                throw DomainException.invalid("Each event needs a code of 1 to 200 characters.");
            }
            if (!codes.add(event.code())) {
                throw DomainException.invalid("Event " + event.code() + " is defined twice.");
            }
            return new Template.EventDefinition(event.code(), event.name() == null ? event.code() : event.name(),
                    event.level() == null ? Template.EventLevel.INFO : event.level(), event.notificationSchedule());
        }).toList();
    }

    static DomainException notFound(String id) {
        return new DomainException(ErrorCode.TEMPLATE_NOT_FOUND, "Template " + id + " was not found.");
    }

    static DomainException metafieldNotFound(long id) {
        return new DomainException(ErrorCode.METAFIELD_NOT_FOUND, "Metafield " + id + " was not found.");
    }

    private static DomainException metafieldNameTaken(String name) {
        return new DomainException(ErrorCode.METAFIELD_NAME_TAKEN, "The template already has a metafield named " + name + ".");
    }
}
