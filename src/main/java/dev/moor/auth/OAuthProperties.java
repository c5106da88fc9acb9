package dev.moor.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of the tokens the OAuth2 token endpoint issues ({@code moor.oauth.*}). Both default to 24
 * hours, as Blynk.Cloud's do (vendor-notes.md, Blynk "Authentication").
 */
@ConfigurationProperties("moor.oauth")
public record OAuthProperties(@DefaultValue("24h") Duration accessTokenLifetime,
        @DefaultValue("24h") Duration refreshTokenLifetime) {
}
