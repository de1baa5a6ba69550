/**
 * A local Salesforce org: OAuth, REST (sObjects, SOQL query/queryAll, composite, collections,
 * limits, describe) and the Streaming API (Bayeux/CometD with replay, Change Data Capture and
 * PushTopics), served over real HTTP so that the unmodified camel-salesforce client, or any other
 * Salesforce client library, works against it with {@code loginUrl=http://localhost:<port>}.
 *
 * <p>Part of the sandbox: nothing outside {@code io.salesactivitysync.sandbox} may depend on it.
 * Sub-packages: {@code org} (records, schema, validation, change feed), {@code soql} (parser and
 * evaluator), {@code auth} (OAuth and sessions), {@code rest}, {@code streaming}, {@code admin}
 * (fault knobs and the admin API).
 */
package io.salesactivitysync.sandbox.salesforce;
