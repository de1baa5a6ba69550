package io.salesactivitysync.store;

import java.util.List;

/** One page of a list, with what a client needs to fetch the others. */
public record Page<T>(List<T> items, PageInfo page) {

    /**
     * @param number     this page, counting from 0
     * @param size       the page size asked for
     * @param totalItems how many items the whole list holds
     * @param totalPages how many pages of this size the list fills
     */
    public record PageInfo(int number, int size, long totalItems, long totalPages) {
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        long totalPages = (totalItems + request.size() - 1) / request.size();
        return new Page<>(List.copyOf(items), new PageInfo(request.number(), request.size(), totalItems, totalPages));
    }
}
