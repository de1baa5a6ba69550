/**
 * The local store: the product side of the sync (reps, people, tasks, activities, settings,
 * stream checkpoints), kept in H2 or PostgreSQL through the Flyway migrations in
 * {@code db/migration}. Repositories here use bound parameters only and know nothing of Camel or
 * HTTP; the record types carry the constraints of the columns they are stored in.
 */
package io.salesactivitysync.store;
