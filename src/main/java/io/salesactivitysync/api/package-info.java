/**
 * The product's REST API. The operations themselves are declared with Camel's REST DSL in
 * {@code routes/rest-api.camel.yaml}; this package holds the small beans those routes call (read
 * the JSON body, validate it, parse paths and paging, describe errors) and the HTTP plumbing
 * around them (bearer-token check, request guard, JSON error bodies for Spring's and Tomcat's own
 * errors, header filter).
 */
package io.salesactivitysync.api;
