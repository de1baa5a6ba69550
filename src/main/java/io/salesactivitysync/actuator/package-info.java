/**
 * What {@code /actuator} shows and to whom: health details only to a caller with the API token
 * ({@link io.salesactivitysync.actuator.ActuatorTokenFilter}), the Camel routes read-only.
 */
package io.salesactivitysync.actuator;
