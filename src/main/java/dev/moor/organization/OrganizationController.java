package dev.moor.organization;

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
@RequestMapping("/rest/v1/organizations")
class OrganizationController {

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    record CreateOrganization(@NotBlank @Size(max = 100) String name, Long parentId) {
    }

    record RenameOrganization(@NotBlank @Size(max = 100) String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Organization create(Caller caller, @Valid @RequestBody CreateOrganization request) {
        return organizations.create(caller, request.name(), Optional.ofNullable(request.parentId()).map(OrganizationId::new));
    }

    @GetMapping
    Page<Organization> list(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return organizations.list(caller, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Organization get(Caller caller, @PathVariable long id) {
        return organizations.get(caller, new OrganizationId(id));
    }

    @PatchMapping("/{id}")
    Organization rename(Caller caller, @PathVariable long id, @Valid @RequestBody RenameOrganization request) {
        return organizations.rename(caller, new OrganizationId(id), request.name());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        organizations.delete(caller, new OrganizationId(id));
    }
}
