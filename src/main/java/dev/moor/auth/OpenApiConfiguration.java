package dev.moor.auth;

import dev.moor.shared.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes Moor's own API (OpenAPI 3.1 at /v3/api-docs) with its bearer-token authentication. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // The caller is resolved from the Authorization header, not read from the request.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI moorOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Moor API").version("v1")
                        .description("Moor's own device-management API. Send an API token as 'Authorization: Bearer <token>'."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
