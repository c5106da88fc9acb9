package dev.moor.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.moor.shared.Caller;
import dev.moor.shared.OrganizationId;
import dev.moor.shared.Page;
import dev.moor.shared.PageRequest;
import dev.moor.shared.Permission;
import dev.moor.shared.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
@RequestMapping("/rest/v1/tokens")
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    record CreateToken(Long userId, Long organizationId, Set<Permission> permissions, Instant expiresAt,
            @Size(max = 100) String name, Set<String> scopes) {
    }

    /** The created token's details, plus the secret itself, shown only in this response. */
    record CreatedTokenResponse(@JsonUnwrapped ApiToken details, String token) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedTokenResponse create(Caller caller, @Valid @RequestBody CreateToken request) {
        TokenService.CreatedToken created = tokens.create(caller, new TokenService.NewToken(
                Optional.ofNullable(request.userId()).map(UserId::new),
                Optional.ofNullable(request.organizationId()).map(OrganizationId::new),
                Optional.ofNullable(request.permissions()), Optional.ofNullable(request.expiresAt()),
                Optional.ofNullable(request.name()), Optional.ofNullable(request.scopes())));
        return new CreatedTokenResponse(created.details(), created.token());
    }

    @GetMapping
    Page<ApiToken> list(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return tokens.list(caller, PageRequest.of(page, size));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable long id) {
        tokens.revoke(caller, id);
    }
}
