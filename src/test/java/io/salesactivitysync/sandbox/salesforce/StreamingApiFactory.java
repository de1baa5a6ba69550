package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.salesforce.streaming.StreamingApi;

/**
 * Builds the emulator's Streaming API. The emulator's builder uses {@code BayeuxStreamingApi} by
 * default; tests pass their own factory to wrap or replace it, or {@code null} for an emulator
 * without a {@code /cometd} endpoint.
 */
@FunctionalInterface
public interface StreamingApiFactory {

    StreamingApi create(StreamingDependencies dependencies);
}
