package dev.moor.command;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the command sweep (retries, expiry) on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CommandScheduling {
}
