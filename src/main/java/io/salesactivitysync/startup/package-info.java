/**
 * Checks made when the application starts, before any route runs or any connection opens: the
 * settings it cannot run without ({@link io.salesactivitysync.startup.RequiredSettings}), reported
 * all at once in one "APPLICATION FAILED TO START" message.
 */
package io.salesactivitysync.startup;
