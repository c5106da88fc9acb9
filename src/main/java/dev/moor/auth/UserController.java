package dev.moor.auth;

import java.util.Optional;
import java.util.Set;

import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.SubOrganizations;
import dev.moor.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

@RestController
@RequestMapping("/rest/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    record CreateUser(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 100) String name,
            Long organizationId, @NotNull Set<Permission> permissions, Boolean activated) {
    }

    record UpdateUser(@Size(min = 1, max = 100) String name, Set<Permission> permissions, Boolean activated) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    User create(Caller caller, @Valid @RequestBody CreateUser request) {
        return users.create(caller, new UserService.NewUser(request.email(), request.name(),
                Optional.ofNullable(request.organizationId()).map(OrganizationId::new), request.permissions(),
                !Boolean.FALSE.equals(request.activated())));
    }

    @GetMapping
    Page<User> list(Caller caller, @RequestParam(required = false) Long organizationId,
            @RequestParam(required = false) Boolean includeSubOrganizations,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return users.list(caller, Optional.ofNullable(organizationId).map(OrganizationId::new),
                SubOrganizations.included(includeSubOrganizations), PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    User get(Caller caller, @PathVariable long id) {
        return users.get(caller, new UserId(id));
    }

    @PatchMapping("/{id}")
    User update(Caller caller, @PathVariable long id, @Valid @RequestBody UpdateUser request) {
        return users.update(caller, new UserId(id), new UserService.UserChange(Optional.ofNullable(request.name()),
                Optional.ofNullable(request.permissions()), Optional.ofNullable(request.activated())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        users.delete(caller, new UserId(id));
    }
}
