package io.salesactivitysync.api;

import io.salesactivitysync.store.Page;
import io.salesactivitysync.store.Rep;
import java.util.List;

/**
 * The JSON shape of a page of reps ({@code Page<Rep>}), named for the OpenAPI document: a generic
 * {@code Page} would leave its items untyped there.
 */
public record RepPage(List<Rep> items, Page.PageInfo page) {
}
