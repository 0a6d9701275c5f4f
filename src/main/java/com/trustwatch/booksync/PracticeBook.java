package com.trustwatch.booksync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A practice-management system the book is synced from (Clio today; MyCase or PracticePanther can
 * follow by implementing this). The connector reads and maps; {@link SyncBook} decides what is
 * created, updated, unchanged or refused and saves through the matter package's own use case.
 */
public interface PracticeBook {

    /** How people know the system ("Clio"); also the first part of exception-queue keys. */
    String name();

    /** Whether the connector is configured (and so whether syncing from it is possible at all). */
    boolean configured();

    /**
     * Reads what changed since {@code since} (empty: everything).
     *
     * @throws RuntimeException when the system cannot be read (not connected, refused, unreachable,
     *                          rate limit not lifting): nothing is saved and the cursor stays
     */
    Reading read(Optional<Instant> since);

    /** Where the next incremental read starts; empty before the first full sync. */
    Optional<Instant> cursor();

    /** Moves the cursor after a sync that read everything it meant to. */
    void advance(Instant through);

    /**
     * What one read found.
     *
     * @param records  the matters, mapped to the book's fields
     * @param read     how many records of each kind were read ("matters", "contacts", "balances")
     */
    record Reading(List<SourceMatter> records, java.util.Map<String, Integer> read) {
    }
}
