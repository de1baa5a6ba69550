package io.salesactivitysync.store;

/**
 * A page of a list ordered by id.
 *
 * @param number the page, counting from 0
 * @param size   how many items a page holds
 */
public record PageRequest(int number, int size) {

    public PageRequest {
        if (number < 0 || size < 1) {
            throw new IllegalArgumentException("page number must be >= 0 and size >= 1, got " + number + "/" + size);
        }
    }

    public long offset() {
        return (long) number * size;
    }
}
