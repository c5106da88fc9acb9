package dev.moor.connectivity.mqtt;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import org.springframework.stereotype.Component;

/** Moor inside the broker: device authentication, topic authorization, lifecycle and PUBLISH interceptors. */
@Component
class MoorExtension implements ExtensionMain {

    private final DeviceAuthenticator authenticator;
    private final TopicAuthorizer authorizer;
    private final SessionListener sessions;
    private final InboundPublishInterceptor inbound;
    private final DeliveryTracker deliveries;

    MoorExtension(DeviceAuthenticator authenticator, TopicAuthorizer authorizer, SessionListener sessions,
            InboundPublishInterceptor inbound, DeliveryTracker deliveries) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.sessions = sessions;
        this.inbound = inbound;
        this.deliveries = deliveries;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> sessions);
        Services.initializerRegistry().setClientInitializer((initializerInput, client) -> {
            client.addPublishInboundInterceptor(inbound);
            client.addPublishOutboundInterceptor(deliveries);
            client.addPubackInboundInterceptor(deliveries);
            client.addPubackOutboundInterceptor(StoredMeansSuccess.INSTANCE);
        });
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // The broker drops the registrations itself.
    }
}
