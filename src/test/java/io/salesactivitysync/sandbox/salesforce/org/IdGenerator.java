package io.salesactivitysync.sandbox.salesforce.org;

import io.salesactivitysync.salesforce.SalesforceId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes new record ids: key prefix, a fixed pod part, then a base-62 sequence. The sequence starts
 * far above the hand-written demo ids ({@code ...000000000001}) so the two never meet.
 */
public final class IdGenerator {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String POD = "5g";
    private static final int SEQUENCE_LENGTH = 10;

    private final AtomicLong sequence;

    public IdGenerator(long lastIssued) {
        this.sequence = new AtomicLong(lastIssued);
    }

    public String next(String keyPrefix) {
        return SalesforceId.toLongForm(keyPrefix + POD + base62(sequence.incrementAndGet()));
    }

    public long lastIssued() {
        return sequence.get();
    }

    private static String base62(long value) {
        char[] digits = new char[SEQUENCE_LENGTH];
        long rest = value;
        for (int i = SEQUENCE_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (rest % 62));
            rest /= 62;
        }
        return new String(digits);
    }
}
