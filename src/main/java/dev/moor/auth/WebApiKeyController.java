package dev.moor.auth;

import dev.moor.shared.Caller;
import dev.moor.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/rest/v1/users/{id}/webapi-key")
class WebApiKeyController {

    private final WebApiKeyService keys;

    WebApiKeyController(WebApiKeyService keys) {
        this.keys = keys;
    }

    /** The new key, shown only in this response. */
    record WebApiKey(String webapiKey) {
    }

    /** Creates the user's key or, when it has one, replaces it. */
    @PostMapping
    WebApiKey rotate(Caller caller, @PathVariable long id) {
        return new WebApiKey(keys.rotate(caller, new UserId(id)));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable long id) {
        keys.revoke(caller, new UserId(id));
    }
}
