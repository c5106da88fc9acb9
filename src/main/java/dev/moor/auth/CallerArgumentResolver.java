package dev.moor.auth;

import java.util.List;

import dev.moor.shared.Caller;
import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives every controller method that takes a {@link Caller} the authenticated caller behind the request's
 * bearer token. Failures are thrown as domain errors, so each surface answers them in its own format.
 */
@Configuration(proxyBeanMethods = false)
class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final String ATTRIBUTE = Caller.class.getName();

    private final TokenService tokens;
    private final ApiRateLimiter rateLimiter;

    CallerArgumentResolver(TokenService tokens, ApiRateLimiter rateLimiter) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request != null && request.getAttribute(ATTRIBUTE) instanceof Caller resolved) {
            return resolved;
        }
        String header = webRequest.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED,
                    "An API token is required: send it as 'Authorization: Bearer <token>'.");
        }
        Caller caller = tokens.authenticate(header.substring(7).strip());
        rateLimiter.consume(caller.tokenId());
        if (request != null) {
            request.setAttribute(ATTRIBUTE, caller);
        }
        return caller;
    }
}
