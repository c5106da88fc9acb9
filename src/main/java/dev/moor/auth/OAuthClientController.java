package dev.moor.auth;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/rest/v1/oauth-clients")
class OAuthClientController {

    private final OAuthService oauth;

    OAuthClientController(OAuthService oauth) {
        this.oauth = oauth;
    }

    record CreateClient(String name, Long userId, Long organizationId, Set<Permission> permissions) {
    }

    /** The created client, plus its secret, shown only in this response. */
    record CreatedClientResponse(@JsonUnwrapped OAuthClient client, String clientSecret) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedClientResponse create(Caller caller, @RequestBody CreateClient request) {
        OAuthService.CreatedClient created = oauth.create(caller, new OAuthService.NewClient(
                Optional.ofNullable(request.name()), Optional.ofNullable(request.userId()).map(UserId::new),
                Optional.ofNullable(request.organizationId()).map(OrganizationId::new),
                Optional.ofNullable(request.permissions())));
        return new CreatedClientResponse(created.client(), created.clientSecret());
    }

    @GetMapping
    Page<OAuthClient> list(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return oauth.list(caller, PageRequest.of(page, size));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable long id) {
        oauth.delete(caller, id);
    }
}
