package dev.moor.device;

import java.time.Instant;
import java.util.Optional;

import dev.moor.shared.UserId;

/**
 * Published inside the transaction in which an event of a device's template was raised (by a user, through
 * {@link DeviceEventService#trigger}). The timeline records it; notification channels notify unless
 * {@code muted}, which it is when the event's notification schedule did not allow {@code at}.
 *
 * @param by the user whose token raised it; empty for an organization-scoped token
 */
public record DeviceEventRaised(DeviceId device, String code, String name, Template.EventLevel level,
        Optional<String> description, boolean muted, Optional<UserId> by, Instant at) {
}
