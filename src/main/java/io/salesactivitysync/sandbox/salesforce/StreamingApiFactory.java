package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.salesforce.streaming.StreamingApi;

/**
 * Builds the emulator's Streaming API, e.g.
 * {@code deps -> new BayeuxStreamingApi(deps.settings(), deps.tokenValidator(), deps.pushTopics(),
 * deps.soqlCompiler(), deps.clock())}. Without one, the emulator has no {@code /cometd} endpoint.
 */
@FunctionalInterface
public interface StreamingApiFactory {

    StreamingApi create(StreamingDependencies dependencies);
}
