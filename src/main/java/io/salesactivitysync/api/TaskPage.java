package io.salesactivitysync.api;

import io.salesactivitysync.store.Page;
import io.salesactivitysync.store.Task;
import java.util.List;

/**
 * The JSON shape of a page of tasks ({@code Page<Task>}), named for the OpenAPI document: a generic
 * {@code Page} would leave its items untyped there.
 */
public record TaskPage(List<Task> items, Page.PageInfo page) {
}
