package dev.moor.device;

import java.util.List;
import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/rest/v1/templates")
class TemplateController {

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    record CreateTemplate(@NotBlank @Size(max = 100) String name, String description, Long organizationId,
            List<Template.Datastream> datastreams, List<Template.EventDefinition> events) {
    }

    record UpdateTemplate(@Size(min = 1, max = 100) String name, String description,
            List<Template.Datastream> datastreams, List<Template.EventDefinition> events) {
    }

    record CreateMetafield(@NotBlank @Size(max = 100) String name, @NotNull MetafieldType type, Boolean mandatory,
            Boolean includeInProvision, JsonNode options, JsonNode defaultValue) {
    }

    record UpdateMetafield(@Size(min = 1, max = 100) String name, Boolean mandatory, Boolean includeInProvision,
            JsonNode options, JsonNode defaultValue) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Template create(Caller caller, @Valid @RequestBody CreateTemplate request) {
        return templates.create(caller, new TemplateService.NewTemplate(request.name(),
                Optional.ofNullable(request.description()),
                Optional.ofNullable(request.organizationId()).map(OrganizationId::new),
                Optional.ofNullable(request.datastreams()).orElse(List.of()),
                Optional.ofNullable(request.events()).orElse(List.of())));
    }

    @GetMapping
    Page<Template> list(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return templates.list(caller, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Template get(Caller caller, @PathVariable String id) {
        return templates.get(caller, id);
    }

    @PatchMapping("/{id}")
    Template update(Caller caller, @PathVariable String id, @Valid @RequestBody UpdateTemplate request) {
        return templates.update(caller, id, new TemplateService.TemplateChange(Optional.ofNullable(request.name()),
                Optional.ofNullable(request.description()), Optional.ofNullable(request.datastreams()),
                Optional.ofNullable(request.events())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        templates.delete(caller, id);
    }

    @PostMapping("/{id}/metafields")
    @ResponseStatus(HttpStatus.CREATED)
    Metafield createMetafield(Caller caller, @PathVariable String id, @Valid @RequestBody CreateMetafield request) {
        return templates.createMetafield(caller, id, new TemplateService.NewMetafield(request.name(), request.type(),
                Boolean.TRUE.equals(request.mandatory()), Boolean.TRUE.equals(request.includeInProvision()),
                Optional.ofNullable(request.options()), Optional.ofNullable(request.defaultValue())));
    }

    @GetMapping("/{id}/metafields")
    List<Metafield> metafields(Caller caller, @PathVariable String id) {
        return templates.metafields(caller, id);
    }

    @GetMapping("/{id}/metafields/{metafieldId}")
    Metafield metafield(Caller caller, @PathVariable String id, @PathVariable long metafieldId) {
        return templates.getMetafield(caller, id, metafieldId);
    }

    @PatchMapping("/{id}/metafields/{metafieldId}")
    Metafield updateMetafield(Caller caller, @PathVariable String id, @PathVariable long metafieldId,
            @Valid @RequestBody UpdateMetafield request) {
        return templates.updateMetafield(caller, id, metafieldId, new TemplateService.MetafieldChange(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.mandatory()),
                Optional.ofNullable(request.includeInProvision()), Optional.ofNullable(request.options()),
                Optional.ofNullable(request.defaultValue())));
    }

    @DeleteMapping("/{id}/metafields/{metafieldId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteMetafield(Caller caller, @PathVariable String id, @PathVariable long metafieldId) {
        templates.deleteMetafield(caller, id, metafieldId);
    }
}
