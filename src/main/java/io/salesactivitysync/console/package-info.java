/**
 * The sync health console: the static page at {@code /console/} (plain HTML, CSS and JavaScript
 * modules in {@code static/console/} of the jar) that signs in with the API token and uses the REST
 * API like any other client. Nothing here reads the store: the page can do only what the API allows.
 */
package io.salesactivitysync.console;
