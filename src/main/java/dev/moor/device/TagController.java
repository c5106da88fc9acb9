package dev.moor.device;

import java.util.Optional;

import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

@RestController
@RequestMapping("/rest/v1/tags")
class TagController {

    private final TagService tags;

    TagController(TagService tags) {
        this.tags = tags;
    }

    record CreateTag(@NotBlank @Size(max = 100) String name, Long organizationId) {
    }

    record RenameTag(@NotBlank @Size(max = 100) String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Tag create(Caller caller, @Valid @RequestBody CreateTag request) {
        return tags.create(caller, request.name(), Optional.ofNullable(request.organizationId()).map(OrganizationId::new));
    }

    @GetMapping
    Page<Tag> list(Caller caller, @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return tags.list(caller, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Tag get(Caller caller, @PathVariable long id) {
        return tags.get(caller, id);
    }

    @PatchMapping("/{id}")
    Tag rename(Caller caller, @PathVariable long id, @Valid @RequestBody RenameTag request) {
        return tags.rename(caller, id, request.name());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        tags.delete(caller, id);
    }
}
