package io.salesactivitysync.store;

/**
 * A rep's settings as the API shows them.
 *
 * @param overrides what the rep set (null values inherit the org default)
 * @param effective what is in force for the rep
 * @param firstSync the last first task sync (turning task sync on, or saving it while on), or null
 *                  when task sync was never on for the rep
 */
public record RepSettings(long repId, SettingsOverrides overrides, OrgSettings effective, TaskFirstSync firstSync) {
}
