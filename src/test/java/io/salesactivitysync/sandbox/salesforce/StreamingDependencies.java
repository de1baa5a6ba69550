package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.salesforce.auth.AccessTokenValidator;
import io.salesactivitysync.sandbox.salesforce.org.PushTopicCatalog;
import io.salesactivitysync.sandbox.salesforce.soql.SoqlCompiler;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSettings;
import java.time.Clock;

/** What the emulator hands a Streaming API implementation when it builds one. */
public record StreamingDependencies(
        StreamingSettings settings,
        AccessTokenValidator tokenValidator,
        PushTopicCatalog pushTopics,
        SoqlCompiler soqlCompiler,
        Clock clock) {
}
