package dev.moor.connectivity.mqtt;

import com.hivemq.extension.sdk.api.interceptor.puback.PubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackOutboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;

/**
 * A device's message is for Moor, not for other subscribers: once stored it is a plain success, so the
 * broker's "no matching subscribers" (0x10) in an MQTT 5 PUBACK becomes "success" (0x00).
 */
enum StoredMeansSuccess implements PubackOutboundInterceptor {
    INSTANCE;

    @Override
    public void onOutboundPuback(PubackOutboundInput input, PubackOutboundOutput output) {
        if (output.getPubackPacket().getReasonCode() == AckReasonCode.NO_MATCHING_SUBSCRIBERS) {
            output.getPubackPacket().setReasonCode(AckReasonCode.SUCCESS);
        }
    }
}
